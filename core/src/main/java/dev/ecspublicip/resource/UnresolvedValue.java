package dev.ecspublicip.resource;

/**
 * A value that decides the verdict but cannot be read before the resource is deployed: what a template
 * sets with an intrinsic CloudFormation resolves only then, or what a Terraform plan knows only after
 * apply. The rule judges it as one that could assign public IPs (fail closed), unless the resource is exempt.
 *
 * @param property the property as the source spells it: {@code NetworkConfiguration}, {@code AwsVpcConfiguration},
 *     {@code AssignPublicIp}, {@code assign_public_ip}...
 * @param reason why it is not known, completing "PROPERTY of RESOURCE is ...", e.g. {@code set by Fn::ImportValue,
 *     known only at deployment} or {@code known only after apply}
 */
public record UnresolvedValue(String property, String reason) {}
