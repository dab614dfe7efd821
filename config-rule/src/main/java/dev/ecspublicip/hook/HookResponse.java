package dev.ecspublicip.hook;

import com.google.gson.JsonObject;
import dev.ecspublicip.ErrorLine;
import java.util.Optional;

/**
 * The answer to a Lambda-hook request, in the documented shape: {@code hookStatus} SUCCESS or FAILED,
 * {@code errorCode} NonCompliant or InternalFailure when FAILED, {@code message}, {@code clientRequestToken}.
 */
public record HookResponse(
        Status status, Optional<ErrorCode> errorCode, String message, Optional<String> clientRequestToken) {
    /**
     * CloudFormation keeps 4,096 characters of the message for stack operations and 1,024 for Cloud Control
     * API operations ({@link HookRequest.Operation#messageLimit}); a stack event's HookStatusReason holds
     * 1,024. Ours are one line of at most 1,000, within every one of them.
     */
    static final int MAX_MESSAGE = ErrorLine.MAX_LENGTH;

    public enum Status {
        SUCCESS,
        FAILED
    }

    public enum ErrorCode {
        NonCompliant,
        InternalFailure
    }

    public HookResponse {
        message = ErrorLine.of(message.strip());
    }

    public static HookResponse success(String message, String token) {
        return new HookResponse(Status.SUCCESS, Optional.empty(), message, Optional.of(token));
    }

    public static HookResponse nonCompliant(String message, String token) {
        return new HookResponse(Status.FAILED, Optional.of(ErrorCode.NonCompliant), message, Optional.of(token));
    }

    public static HookResponse internalFailure(String message, Optional<String> token) {
        return new HookResponse(Status.FAILED, Optional.of(ErrorCode.InternalFailure), message, token);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("hookStatus", status.name());
        errorCode.ifPresent(code -> json.addProperty("errorCode", code.name()));
        json.addProperty("message", message);
        clientRequestToken.ifPresent(token -> json.addProperty("clientRequestToken", token));
        return json;
    }
}
