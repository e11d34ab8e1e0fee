import { defineConfig } from "vite";

// A static build: every asset (the zxing reader's wasm included) is served from the app's own
// origin, so a strict Content-Security-Policy with no third-party host holds (apps/serve.mjs).
export default defineConfig({
  base: "./",
  build: { target: "es2022", assetsInlineLimit: 0, chunkSizeWarningLimit: 2048 },
});
