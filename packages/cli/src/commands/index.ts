/** Every CLI command, in the order `intently --help` lists them. */
import type { Command } from "../command.ts";
import { benchEngineCommand, benchSegmentsCommand, benchTagCommand } from "./bench.ts";
import { demoCommand } from "./demo.ts";
import { modelCvCommand, modelEvalCommand, modelTrainCommand } from "./model.ts";
import { replayCommand } from "./replay.ts";
import { dataPointsCommand, schemaCommand } from "./schema.ts";
import { segmentsConflictsCommand, segmentsTestCommand } from "./segments.ts";
import { simulateCommand } from "./simulate.ts";

export const COMMANDS: readonly Command[] = [
  demoCommand,
  simulateCommand,
  replayCommand,
  benchEngineCommand,
  benchSegmentsCommand,
  benchTagCommand,
  modelTrainCommand,
  modelEvalCommand,
  modelCvCommand,
  segmentsTestCommand,
  segmentsConflictsCommand,
  dataPointsCommand,
  schemaCommand,
];
