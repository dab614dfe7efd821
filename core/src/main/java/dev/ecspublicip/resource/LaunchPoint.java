package dev.ecspublicip.resource;

import java.util.Optional;

/**
 * One place from which a launcher (an EventBridge rule's target, a schedule's or a pipe's target, a
 * state machine's Task state, a job definition's container or task properties) starts ECS tasks, with
 * the network they get.
 *
 * @param name how annotations name it, e.g. {@code target 'nightly'} or {@code state 'Run'
 *     (States.Fan.ItemProcessor.States.Run)}
 * @param property where its public-IP flag is set, relative to the launch point as its source spells
 *     it: what a user changes to fix it, e.g. {@code EcsParameters.NetworkConfiguration.AwsVpcConfiguration.AssignPublicIp}
 * @param awsvpc its awsvpc network, empty when it has none (no network configuration)
 */
public record LaunchPoint(String name, String property, Optional<AwsvpcNetwork> awsvpc) {}
