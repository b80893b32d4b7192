/**
 * Anthropic Messages request bodies as a `Prompt`: `system`, `messages` with their content
 * blocks, `tools`, `max_tokens`. Tool uses and results count as their text; documents as their
 * data; blocks sizing does not know by their JSON text, never skipped.
 */
import { limits } from "@creditpool/core";
import {
  arrayAt,
  invalid,
  type JsonObject,
  modelAt,
  objectAt,
  optionalIntegerAt,
  optionalStringAt,
  stringAt,
} from "./fields.ts";
import type { ImageDetail, Prompt, PromptMessage, PromptTool } from "./prompt.ts";

const roles = new Set(["user", "assistant"]);

interface Blocks {
  readonly texts: string[];
  readonly images: ImageDetail[];
  cacheWrite: boolean;
}

function blockText(block: JsonObject, at: string, into: Blocks): void {
  if (block.cache_control !== undefined && block.cache_control !== null) into.cacheWrite = true;
  switch (block.type) {
    case "text":
      into.texts.push(stringAt(block.text, `${at}.text`));
      return;
    case "image":
      into.images.push("auto");
      return;
    case "thinking":
      into.texts.push(stringAt(block.thinking, `${at}.thinking`));
      return;
    case "tool_use":
      into.texts.push(`${stringAt(block.name, `${at}.name`)}${JSON.stringify(block.input ?? {})}`);
      return;
    case "tool_result":
      if (typeof block.content === "string") into.texts.push(block.content);
      else if (block.content !== undefined) blocksOf(block.content, `${at}.content`, into);
      return;
    case "document": {
      const source = objectAt(block.source, `${at}.source`);
      into.texts.push(typeof source.data === "string" ? source.data : JSON.stringify(source));
      return;
    }
    default:
      into.texts.push(JSON.stringify(block));
  }
}

function blocksOf(content: unknown, param: string, into: Blocks): Blocks {
  if (typeof content === "string") {
    into.texts.push(content);
    return into;
  }
  for (const [index, block] of arrayAt(content, param).entries())
    blockText(objectAt(block, `${param}[${index}]`), `${param}[${index}]`, into);
  return into;
}

function message(value: unknown, param: string, cache: { write: boolean }): PromptMessage {
  const entry = objectAt(value, param);
  const role = stringAt(entry.role, `${param}.role`);
  if (!roles.has(role)) throw invalid(`${param}.role`, "must be user or assistant");
  if (entry.content === undefined) throw invalid(`${param}.content`, "is required");
  const blocks = blocksOf(entry.content, `${param}.content`, {
    texts: [],
    images: [],
    cacheWrite: false,
  });
  cache.write ||= blocks.cacheWrite;
  const plain = typeof entry.content === "string";
  return { role, name: null, texts: blocks.texts, images: blocks.images, system: false, plain };
}

function toolOf(value: unknown, param: string, cache: { write: boolean }): PromptTool {
  const tool = objectAt(value, param);
  if (tool.cache_control !== undefined && tool.cache_control !== null) cache.write = true;
  return {
    name: stringAt(tool.name, `${param}.name`),
    description: optionalStringAt(tool.description, `${param}.description`) ?? "",
    parameters: tool.input_schema ?? tool,
  };
}

export function readMessages(body: JsonObject): Prompt {
  const model = modelAt(body);
  const cache = { write: false };
  const messages: PromptMessage[] = [];
  if (body.system !== undefined && body.system !== null) {
    const system = blocksOf(body.system, "system", { texts: [], images: [], cacheWrite: false });
    cache.write ||= system.cacheWrite;
    const plain = typeof body.system === "string";
    const { texts, images } = system;
    messages.push({ role: "system", name: null, texts, images, system: true, plain });
  }
  const list = arrayAt(body.messages, "messages");
  if (list.length === 0) throw invalid("messages", "must have at least one message");
  for (const [index, entry] of list.entries())
    messages.push(message(entry, `messages[${index}]`, cache));
  const tools =
    body.tools === undefined || body.tools === null
      ? []
      : arrayAt(body.tools, "tools").map((tool, index) => toolOf(tool, `tools[${index}]`, cache));
  const tokens = optionalIntegerAt(body.max_tokens, "max_tokens", 1, limits.outputTokensMax);
  return {
    model,
    messages,
    tools,
    outputTokens: tokens === null ? null : { tokens, param: "max_tokens" },
    choices: 1,
    embeddingInputs: null,
    cacheWrite: cache.write,
  };
}
