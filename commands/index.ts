/**
 * Every chat command, in the order /trogiup lists them. One file per command; each declares its
 * Vietnamese name, English alias, who may use it and where.
 */
import type { CommandDefinition } from "../src/bot/commands.js";
import { start } from "./start.js";
import { helpCommand } from "./help.js";
import { cancelCommand } from "./cancel.js";
import { registerCommand } from "./register.js";
import { reportCommand } from "./report.js";
import { additionCommand } from "./addition.js";
import { issueCommand } from "./issue.js";
import { deadlinesCommand } from "./deadlines.js";
import { noticeCommand } from "./notice.js";
import { noticeStatusCommand } from "./notice-status.js";
import { noticeCorrectCommand } from "./notice-correct.js";
import { noticeRecallCommand } from "./notice-recall.js";
import { noticeTasksCommand } from "./notice-tasks.js";
import { newTaskCommand } from "./new-task.js";
import { manageTaskCommand } from "./manage-task.js";
import { digestCommand } from "./digest.js";
import { webCommand } from "./web.js";

export const COMMANDS: readonly CommandDefinition[] = [
  start,
  reportCommand,
  additionCommand,
  issueCommand,
  deadlinesCommand,
  noticeCommand,
  noticeStatusCommand,
  noticeCorrectCommand,
  noticeRecallCommand,
  noticeTasksCommand,
  newTaskCommand,
  manageTaskCommand,
  digestCommand,
  webCommand,
  helpCommand,
  registerCommand,
  cancelCommand,
];
