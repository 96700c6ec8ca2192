export { registerShop } from "./routes.ts";
