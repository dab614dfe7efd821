package dev.ecspublicip.check;

import com.google.gson.JsonObject;
import dev.ecspublicip.resource.AwsLocation;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.UnresolvedValue;
import java.util.Optional;

/**
 * How one Terraform resource type's planned values are read into the model. {@link TerraformPlanCheck}
 * judges the types {@link PlanResourceTypes} registers; a new type is a new entry there.
 */
interface PlanResourceType {
    EcsResource read(PlannedChange change);

    /**
     * One resource change of a plan, as a type reads it.
     *
     * @param address the resource's Terraform address
     * @param after the planned values ({@code change.after})
     * @param unknown what is known only after apply ({@code change.after_unknown}), in the shape of {@code after}
     * @param path where {@code after} is in the plan, for errors
     * @param where the account and Region the resource would be in, when given
     * @param whole when present, the resource's network cannot be read from the plan at all (a deferred
     *     change, an action this check does not know): it is this unresolved value, whatever {@code after} says
     */
    record PlannedChange(
            String address,
            JsonObject after,
            JsonObject unknown,
            String path,
            Optional<AwsLocation> where,
            Optional<UnresolvedValue> whole) {}
}
