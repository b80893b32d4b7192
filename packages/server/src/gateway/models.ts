/**
 * `GET /gateway/openai/v1/models`: the models a key may call, in OpenAI's list shape: the models
 * its organization's rate card in force prices (by the `model` dimension), less those its pool's
 * allow-list leaves out.
 */
import type { Principal } from "../access/principal.ts";
import type { Services } from "../services/services.ts";

export async function modelList(services: Services, principal: Principal) {
  const models = await services.pricing.callableModels(principal);
  return {
    object: "list",
    data: models.map((id) => ({ id, object: "model", created: 0, owned_by: "creditpool" })),
  };
}
