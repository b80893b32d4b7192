/**
 * OpenAI-compatible request bodies as a `Prompt`: chat completions (`messages`), responses
 * (`input`, `instructions`) and embeddings (`input`). Parts sizing does not understand (audio,
 * files, built-in tools, unknown item types) are counted by their JSON text, never skipped.
 */
import { limits } from "@creditpool/core";
import {
  arrayAt,
  invalid,
  isObject,
  type JsonObject,
  modelAt,
  objectAt,
  optionalIntegerAt,
  optionalStringAt,
  stringAt,
} from "./fields.ts";
import type { ImageDetail, Prompt, PromptMessage, PromptTool } from "./prompt.ts";

const systemRoles = new Set(["system", "developer"]);
/** Choices one chat request may ask for (`n`): each may produce the whole output ceiling. */
const choicesMax = 128;

function detailOf(value: unknown, param: string): ImageDetail {
  if (value === undefined || value === null) return "auto";
  if (value === "low" || value === "high" || value === "auto") return value;
  throw invalid(param, "must be low, high or auto");
}

/** A message's content: one string (plain), null, or parts of text and images. */
function contentOf(content: unknown, param: string) {
  const texts: string[] = [];
  const images: ImageDetail[] = [];
  if (content === undefined || content === null) return { texts, images, plain: false };
  if (typeof content === "string") return { texts: [content], images, plain: true };
  for (const [index, part] of arrayAt(content, param).entries()) {
    const at = `${param}[${index}]`;
    const block = objectAt(part, at);
    if (block.type === "text" || block.type === "input_text" || block.type === "output_text")
      texts.push(stringAt(block.text, `${at}.text`));
    else if (block.type === "refusal") texts.push(stringAt(block.refusal, `${at}.refusal`));
    else if (block.type === "image_url")
      images.push(detailOf(objectAt(block.image_url, `${at}.image_url`).detail, `${at}.detail`));
    else if (block.type === "input_image") images.push(detailOf(block.detail, `${at}.detail`));
    else texts.push(JSON.stringify(block));
  }
  return { texts, images, plain: false };
}

function toolCallTexts(calls: unknown, param: string): string[] {
  if (calls === undefined || calls === null) return [];
  return arrayAt(calls, param).map((call, index) => {
    const fn = objectAt(objectAt(call, `${param}[${index}]`).function, `${param}[${index}]`);
    const name = stringAt(fn.name, `${param}[${index}].function.name`);
    return `${name}(${optionalStringAt(fn.arguments, `${param}[${index}].function.arguments`) ?? ""})`;
  });
}

function chatMessage(value: unknown, param: string): PromptMessage {
  const message = objectAt(value, param);
  const role = stringAt(message.role, `${param}.role`);
  const content = contentOf(message.content, `${param}.content`);
  const calls = toolCallTexts(message.tool_calls, `${param}.tool_calls`);
  const name = optionalStringAt(message.name, `${param}.name`);
  const plain = content.plain && calls.length === 0 && message.tool_call_id === undefined;
  const texts = [...content.texts, ...calls];
  return { role, name, texts, images: content.images, system: systemRoles.has(role), plain };
}

function toolOf(value: unknown, param: string): PromptTool {
  const tool = objectAt(value, param);
  // Chat's tools wrap the function; responses' are flat; legacy `functions` are the function.
  const fn = isObject(tool.function) ? tool.function : tool;
  if (tool.type !== undefined && tool.type !== "function" && !isObject(tool.function))
    return { name: stringAt(tool.type, `${param}.type`), description: "", parameters: tool };
  return {
    name: stringAt(fn.name, `${param}.name`),
    description: optionalStringAt(fn.description, `${param}.description`) ?? "",
    parameters: fn.parameters ?? null,
  };
}

function toolsOf(body: JsonObject, field: "tools" | "functions"): PromptTool[] {
  const tools = body[field];
  if (tools === undefined || tools === null) return [];
  return arrayAt(tools, field).map((tool, index) => toolOf(tool, `${field}[${index}]`));
}

function outputOf(body: JsonObject, fields: readonly string[]) {
  let found: { tokens: number; param: string } | null = null;
  for (const param of fields) {
    const tokens = optionalIntegerAt(body[param], param, 1, limits.outputTokensMax);
    if (tokens !== null && (found === null || tokens < found.tokens)) found = { tokens, param };
  }
  return found;
}

export function readChatCompletion(body: JsonObject): Prompt {
  const model = modelAt(body);
  const messages = arrayAt(body.messages, "messages").map((message, index) =>
    chatMessage(message, `messages[${index}]`),
  );
  if (messages.length === 0) throw invalid("messages", "must have at least one message");
  const output = outputOf(body, ["max_completion_tokens", "max_tokens"]);
  const choices = optionalIntegerAt(body.n, "n", 1, choicesMax) ?? 1;
  return {
    model,
    messages,
    tools: [...toolsOf(body, "tools"), ...toolsOf(body, "functions")],
    outputTokens: output,
    choices,
    embeddingInputs: null,
    cacheWrite: false,
  };
}

/** One item of a responses request's `input`: a message, or a call or its output as text. */
function responseItem(value: unknown, param: string): PromptMessage {
  const item = objectAt(value, param);
  if (item.role !== undefined) return chatMessage(item, param);
  const text =
    item.type === "function_call"
      ? `${stringAt(item.name, `${param}.name`)}(${optionalStringAt(item.arguments, `${param}.arguments`) ?? ""})`
      : item.type === "function_call_output" && typeof item.output === "string"
        ? item.output
        : JSON.stringify(item);
  return { role: "tool", name: null, texts: [text], images: [], system: false, plain: false };
}

export function readResponse(body: JsonObject): Prompt {
  const model = modelAt(body);
  const messages: PromptMessage[] = [];
  const instructions = optionalStringAt(body.instructions, "instructions");
  if (instructions !== null)
    messages.push({
      role: "developer",
      name: null,
      texts: [instructions],
      images: [],
      system: true,
      plain: true,
    });
  if (typeof body.input === "string")
    messages.push({
      role: "user",
      name: null,
      texts: [body.input],
      images: [],
      system: false,
      plain: true,
    });
  else
    for (const [index, item] of arrayAt(body.input, "input").entries())
      messages.push(responseItem(item, `input[${index}]`));
  return {
    model,
    messages,
    tools: toolsOf(body, "tools"),
    outputTokens: outputOf(body, ["max_output_tokens"]),
    choices: 1,
    embeddingInputs: null,
    cacheWrite: false,
  };
}

export function readEmbeddings(body: JsonObject): Prompt {
  const model = modelAt(body);
  const input = body.input;
  const inputs: (string | number)[] = [];
  const tokensOf = (value: unknown, param: string) => {
    if (typeof value === "string") return value;
    const tokens = arrayAt(value, param);
    if (!tokens.every((token) => Number.isInteger(token)))
      throw invalid(param, "must be a string or an array of token ids");
    return tokens.length;
  };
  if (typeof input === "string") inputs.push(input);
  else {
    const list = arrayAt(input, "input");
    if (list.length === 0) throw invalid("input", "must not be empty");
    if (list.every((token) => typeof token === "number")) inputs.push(list.length);
    else for (const [index, each] of list.entries()) inputs.push(tokensOf(each, `input[${index}]`));
  }
  return {
    model,
    messages: [],
    tools: [],
    outputTokens: null,
    choices: 1,
    embeddingInputs: inputs,
    cacheWrite: false,
  };
}
