import { describe, expect, it } from "vitest";
import { createElement, use } from "react";
import { renderToReadableStream, renderToStaticMarkup } from "react-dom/server";
import { QuickWidget, Widget, WidgetSkeleton } from "@/app/components/Widget";

async function readAll(stream: ReadableStream<Uint8Array>, chunks: string[]): Promise<void> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    chunks.push(decoder.decode(value, { stream: true }));
  }
}

describe("Widget", () => {
  it("reserves the widget's height and tells assistive technology it is loading", () => {
    const html = renderToStaticMarkup(createElement(WidgetSkeleton, { label: "cifre chiave", minHeight: 180 }));
    expect(html).toContain('role="status"');
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain("min-height:180px");
    expect(html).toMatch(/<span class="visually-hidden">Caricamento… cifre chiave<\/span>/);
  });

  it("streams the skeleton first, while the widget's query runs, then replaces it with the widget", async () => {
    let resolve!: (v: string) => void;
    const query = new Promise<string>((r) => (resolve = r));
    const Slow = () => createElement("p", { id: "contenuto-widget" }, use(query));
    const page = createElement("main", null, createElement("h1", null, "Panoramica"), createElement(Widget, { label: "tabella", minHeight: 300, children: createElement(Slow) }));
    const stream = await renderToReadableStream(page);
    const chunks: string[] = [];
    const done = readAll(stream, chunks);
    // The shell is out before the query answers: the heading and the skeleton, no content.
    await new Promise((r) => setTimeout(r, 20));
    const shell = chunks.join("");
    expect(shell).toContain("<h1>Panoramica</h1>");
    expect(shell).toContain("Caricamento… tabella");
    expect(shell).not.toContain("contenuto-widget");
    resolve("I comuni della zona");
    await done;
    const rest = chunks.join("").slice(shell.length);
    // The widget arrives in the same response and takes the skeleton's place.
    expect(rest).toContain('<p id="contenuto-widget">I comuni della zona</p>');
    expect(rest).toMatch(/\$RC|\$RV|replaceChild|data-rxi|<template/);
  });
});

describe("QuickWidget", () => {
  const table = (rows: string) => createElement("table", { id: "tabella-widget" }, createElement("tbody", null, createElement("tr", null, createElement("td", null, rows))));

  it("draws the widget in the page's first bytes, outside any Suspense boundary, when its query answers within the grace", async () => {
    const widget = await QuickWidget({ label: "indice", minHeight: 480, load: () => Promise.resolve("I comuni della zona"), children: table });
    const chunks: string[] = [];
    await readAll(await renderToReadableStream(createElement("main", null, createElement("h1", null, "Fragilità"), widget)), chunks);
    const html = chunks.join("");
    expect(html).toContain('<h1>Fragilità</h1><table id="tabella-widget"><tbody><tr><td>I comuni della zona</td></tr></tbody></table>');
    expect(html).not.toContain("Caricamento");
    // Nothing moved into place after the first paint: no Suspense boundary markers, no swap script.
    expect(html).not.toMatch(/<!--\$|\$RC|<template/);
  });

  it("streams a skeleton in its place when the query takes longer than the grace, then the widget", async () => {
    let resolve!: (v: string) => void;
    const query = new Promise<string>((r) => (resolve = r));
    const widget = await QuickWidget({ label: "indice", minHeight: 480, graceMs: 0, load: () => query, children: table });
    const stream = await renderToReadableStream(createElement("main", null, createElement("h1", null, "Fragilità"), widget));
    const chunks: string[] = [];
    const done = readAll(stream, chunks);
    await new Promise((r) => setTimeout(r, 20));
    const shell = chunks.join("");
    expect(shell).toContain("<h1>Fragilità</h1>");
    expect(shell).toContain("Caricamento… indice");
    expect(shell).toContain("min-height:480px");
    expect(shell).not.toContain("tabella-widget");
    resolve("I comuni della zona");
    await done;
    const rest = chunks.join("").slice(shell.length);
    expect(rest).toContain("<td>I comuni della zona</td>");
    expect(rest).toMatch(/\$RC|\$RV|replaceChild|data-rxi|<template/);
  });

  it("fails the page as the query fails", async () => {
    await expect(QuickWidget({ label: "indice", minHeight: 480, load: () => Promise.reject(new Error("query non riuscita")), children: table })).rejects.toThrow("query non riuscita");
  });
});
