package dev.ecspublicip.remediation;

import com.google.gson.JsonObject;

/**
 * One call the remediation made, or in a dry run would make.
 *
 * @param call the API action, e.g. {@code ecs:UpdateService}
 * @param target the ARN the call acts on
 * @param detail what the call changes, in words
 */
public record Action(String call, String target, String detail) {
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("call", call);
        json.addProperty("target", target);
        json.addProperty("detail", detail);
        return json;
    }
}
