/** Every CLI command, in the order `intently --help` lists them. */
import type { Command } from "../command.ts";
import { backupCommand, restoreCommand } from "./backup.ts";
import {
  benchDiskCommand,
  benchEngineCommand,
  benchSegmentsCommand,
  benchSoakCommand,
  benchTagCommand,
  benchTagCostCommand,
} from "./bench.ts";
import { benchMemoryCommand } from "./bench-memory.ts";
import {
  benchCollectorCommand,
  benchDashboardCommand,
  benchReportCommand,
} from "./bench-services.ts";
import { benchLiveTickCommand, benchTickCommand } from "./bench-tick.ts";
import { demoCommand } from "./demo.ts";
import { integrationsCommands } from "./integrations.ts";
import { modelCvCommand, modelEvalCommand, modelTrainCommand } from "./model.ts";
import { privacyVerifyCommand } from "./privacy.ts";
import { replayCommand } from "./replay.ts";
import { dataPointsCommand, schemaCommand } from "./schema.ts";
import { segmentsConflictsCommand, segmentsTestCommand } from "./segments.ts";
import { simulateCommand } from "./simulate.ts";
import { sitesAddCommand } from "./sites.ts";
import { startCommand } from "./start.ts";
import { tokensAddCommand } from "./tokens.ts";
import { usersAddCommand, usersResetPasswordCommand } from "./users.ts";

export const COMMANDS: readonly Command[] = [
  startCommand,
  demoCommand,
  simulateCommand,
  replayCommand,
  benchEngineCommand,
  benchSegmentsCommand,
  benchTagCommand,
  benchTagCostCommand,
  benchReportCommand,
  benchCollectorCommand,
  benchDashboardCommand,
  benchSoakCommand,
  benchDiskCommand,
  benchMemoryCommand,
  benchTickCommand,
  benchLiveTickCommand,
  modelTrainCommand,
  modelEvalCommand,
  modelCvCommand,
  segmentsTestCommand,
  segmentsConflictsCommand,
  ...integrationsCommands,
  privacyVerifyCommand,
  usersAddCommand,
  usersResetPasswordCommand,
  sitesAddCommand,
  tokensAddCommand,
  backupCommand,
  restoreCommand,
  dataPointsCommand,
  schemaCommand,
];
