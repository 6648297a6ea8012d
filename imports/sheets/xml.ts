import { SaxesParser, type SaxesTagPlain } from "saxes";
import { FileRejected } from "../csv/decode";

/**
 * Streaming XML with saxes: strict (a malformed part is an error naming its
 * line, never a silently shorter sheet), no DTD entities expanded, and the
 * events of each chunk handed on before the next chunk is read, so memory
 * stays bounded by one chunk's worth of rows.
 */
export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

/** "x:row" and "row" alike: producers differ in namespace prefixes. */
export const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/**
 * Runs `handlers` over the chunks; after each chunk, yields what `drain`
 * returns (the records completed so far); once `finished()` says so, the
 * rest of the part is left unread.
 */
export async function* parseXml<T>(chunks: AsyncIterable<string>, where: string, handlers: XmlHandlers, drain: () => T[], finished?: () => boolean): AsyncGenerator<T> {
  const parser = new SaxesParser({ xmlns: false });
  let failure: Error | null = null;
  parser.on("error", (error) => {
    failure ??= error;
  });
  parser.on("opentag", (tag: SaxesTagPlain) => handlers.open(localName(tag.name), tag.attributes as Record<string, string>, tag.isSelfClosing));
  parser.on("closetag", (tag) => handlers.close(localName(tag.name)));
  parser.on("text", (text) => handlers.text(text));
  parser.on("cdata", (text) => handlers.text(text));
  parser.on("doctype", () => {
    failure ??= new Error("DOCTYPE non ammesso");
  });
  const check = () => {
    if (failure) {
      const m = /^(\d+):(\d+):/.exec(failure.message);
      throw new FileRejected(`${where} non è XML valido${m ? ` (riga ${m[1]}, carattere ${m[2]} della parte XML)` : ""}: il file è danneggiato. Salvarlo di nuovo dal programma che l'ha creato, oppure come CSV.`);
    }
  };
  for await (const chunk of chunks) {
    parser.write(chunk);
    check();
    yield* drain();
    // What was wanted has been read: the rest of the part is not (the stream is closed on return).
    if (finished?.()) return;
  }
  parser.close();
  check();
  yield* drain();
}

/** Runs a parse for its handlers' side effects (small parts read whole). */
export async function runToEnd(events: AsyncIterable<unknown>): Promise<void> {
  const iterator = events[Symbol.asyncIterator]();
  while (!(await iterator.next()).done) continue;
}
