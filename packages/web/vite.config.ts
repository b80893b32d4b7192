/**
 * The console's build: static files in `dist/`, served by `creditpool serve` at `/`. Heavy views
 * are split into chunks of their own (`React.lazy` in `src/views/index.ts`), so signing in loads
 * only the shell.
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  base: "/",
  resolve: { conditions: ["@creditpool/source"] },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
});
