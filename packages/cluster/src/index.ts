export {
  CLUSTER_DEFAULTS,
  CLUSTER_FIELDS,
  type ClusterConfig,
  ClusterConfigError,
  type ClusterSources,
  loadClusterConfig,
  parseClusterConfig,
  ROLE_SERVICES,
  ROLES,
  ROLES_ENV,
  type Role,
  redacted,
  redactUrl,
} from "./config.ts";
export {
  fnv1a32Utf8,
  MAX_PARTITIONS,
  MIN_PARTITIONS,
  partitionOf,
  subjectOf,
} from "./partition.ts";
export {
  ensureServices,
  parseServicesEnv,
  readServiceUrls,
  SERVICE_ENV,
  SERVICES_SCRIPT,
  type ServiceUrls,
  servicesDir,
} from "./services.ts";
