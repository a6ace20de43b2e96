/** Non-JavaScript modules wrangler bundles by its default rules (and the vitest workers pool likewise). */
declare module '*.bin' {
  /** `.bin` files arrive as ArrayBuffer (the "Data" rule): the card fonts, src/data/fonts/. */
  const data: ArrayBuffer;
  export default data;
}

declare module '@resvg/resvg-wasm/index_bg.wasm' {
  /** `.wasm` files arrive compiled (the "CompiledWasm" rule): compiled once when the isolate starts. */
  const module: WebAssembly.Module;
  export default module;
}
