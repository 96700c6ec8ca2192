export {
  ensureServices,
  parseServicesEnv,
  readServiceUrls,
  SERVICE_ENV,
  SERVICES_SCRIPT,
  type ServiceUrls,
  servicesDir,
} from "./services.ts";
