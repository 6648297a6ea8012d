export function DemoBanner() {
  return (
    <div className="alert alert-warning demo-banner" role="note">
      <strong>Dati dimostrativi.</strong> I valori di questa zona sono sintetici, generati per provare
      Osservatorio; non descrivono la realtà. Solo i dati di riferimento (comuni, zone sociali, Uffici della
      Cittadinanza) sono reali.
    </div>
  );
}
