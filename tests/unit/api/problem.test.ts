import { describe, expect, it } from "vitest";
import { ConflictError, InvalidInputError, NotFoundError, PROBLEM_KINDS, PROBLEM_TITLES_IT, TooManyRequestsError, UnprocessableError, userMessage } from "@/lib/errors";
import { problemResponse, ProblemSchema } from "@/lib/api/problem";
import { RevertError } from "@/imports/load/revert";
import { FragilityRequestError } from "@/db/queries/fragility";
import { ExportRequestError } from "@/lib/export/table";

const request = new Request("http://localhost/api/v1/zones/UMB-99/comuni?limit=5");

describe("problem+json", () => {
  it("maps each typed error to its status, an Italian title and the request path as instance", async () => {
    const cases = [
      [new InvalidInputError("Parametro non valido."), 400],
      [new NotFoundError("Zona sociale non trovata."), 404],
      [new ConflictError("Annullare prima il caricamento 7."), 409],
      [new UnprocessableError("L'anno base non può seguire l'anno."), 422],
    ] as const;
    for (const [error, status] of cases) {
      const response = problemResponse(error, request);
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
      const body = ProblemSchema.parse(await response.json());
      expect(body).toMatchObject({ status, detail: error.message, instance: "/api/v1/zones/UMB-99/comuni?limit=5" });
      expect(body.title).toBe(PROBLEM_TITLES_IT[error.kind]);
      expect(body.type).toBe(`/api#problema-${error.kind}`);
    }
  });

  it("hides unexpected errors behind a generic 500", async () => {
    const response = problemResponse(new Error("relation \"x\" does not exist"), request);
    expect(response.status).toBe(500);
    const body = ProblemSchema.parse(await response.json());
    expect(body.detail).not.toContain("relation");
    expect(userMessage(new Error("secret"))).not.toContain("secret");
    expect(userMessage(new NotFoundError("Comune 055022 non trovato."))).toBe("Comune 055022 non trovato.");
  });

  it("lists field problems and sends Retry-After on 429", async () => {
    const body = ProblemSchema.parse(await problemResponse(new InvalidInputError("Due problemi.", [{ field: "year", message: "anno intero" }, { row: 3, field: "valore", message: "numero" }]), request).json());
    expect(body.errors).toEqual([{ field: "year", message: "anno intero" }, { row: 3, field: "valore", message: "numero" }]);
    const limited = problemResponse(new TooManyRequestsError("Troppe richieste.", 17), request);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("17");
  });

  it("has a title for every kind, and the errors thrown below carry their kind", () => {
    expect(Object.keys(PROBLEM_TITLES_IT).sort()).toEqual(Object.keys(PROBLEM_KINDS).sort());
    expect(new RevertError("x").status).toBe(409);
    expect(new FragilityRequestError("x").status).toBe(422);
    expect(new ExportRequestError("x").status).toBe(400);
    expect(new RevertError("x").name).toBe("RevertError");
  });
});
