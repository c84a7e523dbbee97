"""Creates EC2 instances in a local moto server the way `terraform apply` would from stackc's
Terraform: one per spec, in order, with exactly the tags given (the test parses them from the
emitted .tf), a public address only when `associate_public_ip_address` is set, and each tag template
`${aws_instance.NAME.ATTR}` replaced by that attribute of an instance created before it.

Usage: python create_instances.py ENDPOINT SPEC.json  — prints {name: {public_ip, private_ip}}.
SPEC: [{"name": …, "tags": {…}, "public": bool}, …] in creation order."""

import json
import re
import sys

import boto3

endpoint, spec_path = sys.argv[1], sys.argv[2]
ec2 = boto3.client(
    "ec2",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="testing",
    aws_secret_access_key="testing",
)
image = ec2.describe_images()["Images"][0]["ImageId"]
vpc = ec2.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.42.1.0/24")["Subnet"]["SubnetId"]
created = {}
REFERENCE = re.compile(r"\$\{aws_instance\.([A-Za-z0-9_-]+)\.(public_ip|private_ip)\}")

for spec in json.load(open(spec_path)):
    tags = {}
    for key, value in spec["tags"].items():
        tags[key] = REFERENCE.sub(lambda m: created[m.group(1)][m.group(2)], value)
    if any("${" in v for v in tags.values()):
        sys.exit(f"{spec['name']}: a tag still holds an expression: {tags}")
    instance = ec2.run_instances(
        ImageId=image,
        MinCount=1,
        MaxCount=1,
        InstanceType="t3.micro",
        NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet, "AssociatePublicIpAddress": spec["public"]}],
        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}],
    )["Instances"][0]
    created[spec["name"]] = {
        "public_ip": instance.get("PublicIpAddress", ""),
        "private_ip": instance["PrivateIpAddress"],
    }

print(json.dumps(created))
