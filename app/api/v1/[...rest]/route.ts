import { NotFoundError } from "@/lib/errors";
import { problemResponse } from "@/lib/api/problem";

/** Any unknown API path answers with a problem+json 404, not an HTML page. */
const notFound = (request: Request) =>
  problemResponse(new NotFoundError("Risorsa API non trovata. Gli endpoint disponibili sono descritti in /api/v1/openapi.json e nella pagina /api."), request);
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
