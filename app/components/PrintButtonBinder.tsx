"use client";

import { useEffect } from "react";

/** Makes every [data-print] button open the browser's print dialog. */
export function PrintButtonBinder() {
  useEffect(() => {
    const buttons = [...document.querySelectorAll<HTMLButtonElement>("[data-print]")];
    const print = () => window.print();
    buttons.forEach((b) => b.addEventListener("click", print));
    return () => buttons.forEach((b) => b.removeEventListener("click", print));
  }, []);
  return null;
}
