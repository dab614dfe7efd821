package dev.ecspublicip.resource;

/** Whether the configuration describes a live resource, from the item's {@code configurationItemStatus}. */
public enum Presence {
    /** OK, ResourceDiscovered, or a status we do not know (judged on its configuration, failing closed). */
    RECORDED,
    /** ResourceDeleted or ResourceDeletedNotRecorded. */
    DELETED,
    /** ResourceNotRecorded: the recorder stopped recording this type. */
    NOT_RECORDED;

    public static Presence ofStatus(String configurationItemStatus) {
        if (configurationItemStatus == null) {
            return RECORDED;
        }
        return switch (configurationItemStatus) {
            case "ResourceDeleted", "ResourceDeletedNotRecorded" -> DELETED;
            case "ResourceNotRecorded" -> NOT_RECORDED;
            default -> RECORDED;
        };
    }
}
