import localFont from "next/font/local";

/**
 * Titillium Web, the font of Bootstrap Italia, from the files the package ships (issue 17).
 * next/font preloads the files and declares a fallback (Arial with size and metrics adjusted
 * to Titillium), so that text drawn before the font arrives keeps its place when it does:
 * the scheda comune moved by 0.24–0.52 (CLS) when the font came late.
 * (next/font needs the paths written out in full.) Bootstrap Italia reads the family from --bs-font-sans-serif, set in app/globals.css.
 */
export const titillium = localFont({
  src: [
    { path: "../node_modules/bootstrap-italia/dist/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2", weight: "400", style: "normal" },
    { path: "../node_modules/bootstrap-italia/dist/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-600.woff2", weight: "600", style: "normal" },
    { path: "../node_modules/bootstrap-italia/dist/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-700.woff2", weight: "700", style: "normal" },
  ],
  display: "swap",
  adjustFontFallback: "Arial",
  fallback: ["Geneva", "Tahoma", "sans-serif"],
  variable: "--font-titillium",
});
