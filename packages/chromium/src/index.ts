/**
 * The browser every browser test drives: Debian's Chromium (installed by ./ensure.ts),
 * headless, with the flags that keep it off the network (this machine has none but loopback).
 */
export { aptInstall, isRoot } from "./apt.ts";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS: string[] = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
