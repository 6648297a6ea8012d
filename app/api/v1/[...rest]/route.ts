import { jsonError } from "../_shared/respond";

/** Any unknown API path answers with a JSON 404, not an HTML page. */
const notFound = () => jsonError(404, "Risorsa API non trovata. Vedere docs/api.md per gli endpoint disponibili.");
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
