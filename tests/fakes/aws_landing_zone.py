"""An AWS landing zone built in moto with boto3 calls: violations and their compliant twins.

One *unit* per region holds a VPC with public and private subnets, an open and
an internal security group (each attached to an instance's interface), three
databases (flagged public but in private subnets behind a closed group; flagged
public in public subnets; private and compliant), two ECR repositories (public
and private), and per account two buckets (public-read, private), three users
(console without MFA, console with MFA, a programmatic user holding a ``*:*``
policy) and a weak password policy. :func:`organization` adds an Organization
with member accounts, each built the same way through the member role.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.aws_server import client

MEMBER_ROLE = "OrganizationAccountAccessRole"
MANAGEMENT = "123456789012"
KEY_ID = "11111111-2222-3333-4444-555555555555"
WEAK_PASSWORD_POLICY = {"MinimumPasswordLength": 8, "RequireNumbers": True}


@dataclass
class Account:
    id: str
    credentials: dict[str, str] = field(default_factory=dict)
    resources: int = 0
    units: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (region, ids)
    wide: list[dict[str, str]] = field(default_factory=list)

    def client(self, url: str, service: str, region: str = "us-east-1") -> Any:
        return client(url, service, region, **self.credentials)


def archive(account: Account) -> str:
    """The account's flow log bucket."""
    return f"flow-logs-{account.id}"


def _tag(name: str, kind: str) -> list[dict[str, Any]]:
    return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]


def unit(url: str, account: Account, region: str, n: int) -> dict[str, str]:
    """One regional unit; returns the ids the tests name."""
    ec2 = account.client(url, "ec2", region)
    rds = account.client(url, "rds", region)
    ecr = account.client(url, "ecr", region)
    az = [f"{region}a", f"{region}b"]
    vpc = ec2.create_vpc(CidrBlock=f"10.{n % 250}.0.0/16", TagSpecifications=_tag(f"lz-{n}", "vpc"))["Vpc"][
        "VpcId"
    ]
    ec2.create_flow_logs(
        ResourceIds=[vpc],
        ResourceType="VPC",
        TrafficType="ALL",
        LogDestinationType="s3",
        LogDestination=f"arn:aws:s3:::{archive(account)}",
    )
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    ids: dict[str, str] = {"vpc": vpc}
    public_table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=public_table, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    private_table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    for index, (kind, table) in enumerate(
        [
            ("public-a", public_table),
            ("public-b", public_table),
            ("private-a", private_table),
            ("private-b", private_table),
        ]
    ):
        subnet = ec2.create_subnet(
            VpcId=vpc,
            CidrBlock=f"10.{n % 250}.{index}.0/24",
            AvailabilityZone=az[index % 2],
            TagSpecifications=_tag(f"{kind}-{n}", "subnet"),
        )["Subnet"]["SubnetId"]
        ec2.associate_route_table(RouteTableId=table, SubnetId=subnet)
        ids[kind] = subnet
    eigw = ec2.create_egress_only_internet_gateway(VpcId=vpc)["EgressOnlyInternetGateway"]
    ec2.create_route(
        RouteTableId=private_table,
        DestinationIpv6CidrBlock="::/0",
        EgressOnlyInternetGatewayId=eigw["EgressOnlyInternetGatewayId"],
    )
    open_sg = ec2.create_security_group(GroupName=f"open-{n}", Description="open", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=open_sg,
        IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
            {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
        ],
    )
    internal_sg = ec2.create_security_group(GroupName=f"internal-{n}", Description="internal", VpcId=vpc)[
        "GroupId"
    ]
    ec2.authorize_security_group_ingress(
        GroupId=internal_sg,
        IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
            {
                "IpProtocol": "tcp",
                "FromPort": 8080,
                "ToPort": 8080,
                "UserIdGroupPairs": [{"GroupId": open_sg}],
            },
        ],
    )
    db_sg = ec2.create_security_group(GroupName=f"db-{n}", Description="db", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=db_sg,
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 5432,
                "ToPort": 5432,
                "UserIdGroupPairs": [{"GroupId": internal_sg}],
            }
        ],
    )
    ids.update(open_sg=open_sg, internal_sg=internal_sg, db_sg=db_sg)
    image = "ami-12c6146b"  # an image moto ships
    public = ec2.run_instances(
        ImageId=image,
        MinCount=1,
        MaxCount=1,
        InstanceType="t3.micro",
        NetworkInterfaces=[
            {
                "DeviceIndex": 0,
                "SubnetId": ids["public-a"],
                "Groups": [open_sg],
                "AssociatePublicIpAddress": True,
            }
        ],
        TagSpecifications=_tag(f"bastion-{n}", "instance"),
    )["Instances"][0]["InstanceId"]
    private = ec2.run_instances(
        ImageId=image,
        MinCount=1,
        MaxCount=1,
        InstanceType="t3.micro",
        NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": ids["private-a"], "Groups": [internal_sg]}],
        MetadataOptions={"HttpTokens": "required"},
        TagSpecifications=_tag(f"app-{n}", "instance"),
    )["Instances"][0]["InstanceId"]
    ids.update(bastion=public, app=private)
    for name, subnets in (
        (f"private-{n}", ["private-a", "private-b"]),
        (f"public-{n}", ["public-a", "public-b"]),
    ):
        rds.create_db_subnet_group(
            DBSubnetGroupName=name, DBSubnetGroupDescription=name, SubnetIds=[ids[s] for s in subnets]
        )
    for name, force in ((f"ssl-on-{n}", "1"), (f"ssl-off-{n}", "0")):
        rds.create_db_parameter_group(
            DBParameterGroupName=name, DBParameterGroupFamily="postgres16", Description=name
        )
        rds.modify_db_parameter_group(
            DBParameterGroupName=name,
            Parameters=[
                {"ParameterName": "rds.force_ssl", "ParameterValue": force, "ApplyMethod": "immediate"}
            ],
        )
    databases = {
        # flagged public, in private subnets behind a closed group: still a finding
        f"hidden-public-{n}": {
            "PubliclyAccessible": True,
            "DBSubnetGroupName": f"private-{n}",
            "secure": True,
        },
        # flagged public, in public subnets, unencrypted, no SSL, no backups
        f"exposed-{n}": {
            "PubliclyAccessible": True,
            "DBSubnetGroupName": f"public-{n}",
            "AutoMinorVersionUpgrade": False,
            "secure": False,
        },
        # the compliant twin
        f"orders-{n}": {"PubliclyAccessible": False, "DBSubnetGroupName": f"private-{n}", "secure": True},
    }
    for name, options in databases.items():
        secure = options.pop("secure")
        rds.create_db_instance(
            DBInstanceIdentifier=name,
            DBInstanceClass="db.t3.micro",
            Engine="postgres",
            EngineVersion="16.3",
            AllocatedStorage=20,
            MasterUsername="dbadmin",
            MasterUserPassword="not-a-real-password-1",
            VpcSecurityGroupIds=[db_sg],
            StorageEncrypted=secure,
            BackupRetentionPeriod=7 if secure else 0,
            DBParameterGroupName=f"ssl-on-{n}" if secure else f"ssl-off-{n}",
            **options,
        )
    rds.create_db_cluster_parameter_group(
        DBClusterParameterGroupName=f"cluster-ssl-{n}",
        DBParameterGroupFamily="aurora-postgresql16",
        Description="ssl",
    )
    rds.modify_db_cluster_parameter_group(
        DBClusterParameterGroupName=f"cluster-ssl-{n}",
        Parameters=[{"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "immediate"}],
    )
    rds.create_db_cluster(
        DBClusterIdentifier=f"ledger-{n}",
        Engine="aurora-postgresql",
        MasterUsername="dbadmin",
        MasterUserPassword="not-a-real-password-1",
        DBSubnetGroupName=f"private-{n}",
        VpcSecurityGroupIds=[db_sg],
        StorageEncrypted=True,
        BackupRetentionPeriod=7,
        DBClusterParameterGroupName=f"cluster-ssl-{n}",
    )
    public_repo = ecr.create_repository(repositoryName=f"public-images-{n}")["repository"]["repositoryName"]
    ecr.set_repository_policy(
        repositoryName=public_repo,
        policyText=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "pull",
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                    }
                ],
            }
        ),
    )
    private_repo = ecr.create_repository(
        repositoryName=f"private-images-{n}",
        imageTagMutability="IMMUTABLE",
        imageScanningConfiguration={"scanOnPush": True},
    )["repository"]["repositoryName"]
    ecr.set_repository_policy(
        repositoryName=private_repo,
        policyText=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{account.id}:root"},
                        "Action": ["ecr:BatchGetImage", "ecr:PutImage"],
                    }
                ],
            }
        ),
    )
    ids.update(public_repo=public_repo, private_repo=private_repo)
    # 4 subnets, 1 VPC, 3 groups x their rules, 2 instances, 3 databases, 2 repositories
    account.resources += 31
    account.units.append((region, ids))
    return ids


def default_vpc_flow_logs(url: str, account: Account, region: str) -> None:
    """The default VPC moto creates in each region gets a flow log, as a landing zone would."""
    ec2 = account.client(url, "ec2", region)
    for vpc in ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]:
        ec2.create_flow_logs(
            ResourceIds=[vpc["VpcId"]],
            ResourceType="VPC",
            TrafficType="ALL",
            LogDestinationType="s3",
            LogDestination=f"arn:aws:s3:::{archive(account)}",
        )


def tls_only(bucket: str) -> dict[str, Any]:
    """A bucket policy that is not public: it only denies requests without TLS."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            }
        ],
    }


def compliant_bucket(s3: Any, account: Account, name: str) -> None:
    """Blocked, versioned, KMS-encrypted and logging to itself: nothing to report."""
    s3.create_bucket(Bucket=name)
    s3.put_public_access_block(
        Bucket=name,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_encryption(
        Bucket=name,
        ServerSideEncryptionConfiguration={
            "Rules": [
                {
                    "ApplyServerSideEncryptionByDefault": {
                        "SSEAlgorithm": "aws:kms",
                        "KMSMasterKeyID": f"arn:aws:kms:us-east-1:{account.id}:key/{KEY_ID}",
                    }
                }
            ]
        },
    )
    s3.put_bucket_acl(
        Bucket=name,
        GrantWrite="uri=http://acs.amazonaws.com/groups/s3/LogDelivery",
        GrantReadACP="uri=http://acs.amazonaws.com/groups/s3/LogDelivery",
    )
    s3.put_bucket_logging(
        Bucket=name,
        BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": name, "TargetPrefix": "logs/"}},
    )


def account_wide(url: str, account: Account, n: int = 0, region: str = "us-east-1") -> dict[str, str]:
    """Buckets, users, policies and the password policy of one account."""
    s3 = account.client(url, "s3", region)
    iam = account.client(url, "iam", region)
    suffix = f"{account.id}-{n}"
    public_bucket, private_bucket = f"public-assets-{suffix}", f"private-data-{suffix}"
    s3.create_bucket(Bucket=public_bucket)
    s3.put_bucket_acl(Bucket=public_bucket, ACL="public-read")
    compliant_bucket(s3, account, private_bucket)
    s3.put_bucket_policy(Bucket=private_bucket, Policy=json.dumps(tls_only(private_bucket)))
    ids = {"public_bucket": public_bucket, "private_bucket": private_bucket}
    if n == 0:
        iam.update_account_password_policy(**WEAK_PASSWORD_POLICY)
    for user, console, mfa in (
        (f"alice-{n}", True, False),
        (f"bob-{n}", True, True),
        (f"deployer-{n}", False, False),
    ):
        iam.create_user(UserName=user)
        if console:
            iam.create_login_profile(UserName=user, Password="Not-a-real-password-1!")
        if mfa:
            serial = iam.create_virtual_mfa_device(VirtualMFADeviceName=user)["VirtualMFADevice"][
                "SerialNumber"
            ]
            iam.enable_mfa_device(
                UserName=user, SerialNumber=serial, AuthenticationCode1="123456", AuthenticationCode2="654321"
            )
        ids[user.rsplit("-", 1)[0]] = user
    admin = iam.create_policy(
        PolicyName=f"everything-{n}",
        PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
        ),
    )["Policy"]["Arn"]
    iam.attach_user_policy(UserName=f"deployer-{n}", PolicyArn=admin)
    reader = iam.create_policy(
        PolicyName=f"reader-{n}",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}],
            }
        ),
    )["Policy"]["Arn"]
    iam.attach_user_policy(UserName=f"bob-{n}", PolicyArn=reader)
    iam.create_group(GroupName=f"developers-{n}")  # no policy: no record, bob's `groups` only
    iam.add_user_to_group(GroupName=f"developers-{n}", UserName=f"bob-{n}")
    ids.update(admin_policy=admin, reader_policy=reader)
    account.resources += 2 + 3 + 2 + 1
    account.wide.append(ids)
    return ids


def organization(url: str, members: int = 2) -> list[Account]:
    """An Organization in the management account with ``members`` accounts, each reachable by role."""
    org = client(url, "organizations")
    org.create_organization(FeatureSet="ALL")
    accounts = [Account(MANAGEMENT)]
    sts = client(url, "sts")
    for index in range(members):
        created = org.create_account(AccountName=f"member-{index}", Email=f"member-{index}@example.com")
        member = created["CreateAccountStatus"]["AccountId"]
        credentials = sts.assume_role(
            RoleArn=f"arn:aws:iam::{member}:role/{MEMBER_ROLE}", RoleSessionName="landing-zone"
        )["Credentials"]
        accounts.append(
            Account(
                member,
                {
                    "aws_access_key_id": credentials["AccessKeyId"],
                    "aws_secret_access_key": credentials["SecretAccessKey"],
                    "aws_session_token": credentials["SessionToken"],
                },
            )
        )
    return accounts


def build(
    url: str, units: int = 1, regions: tuple[str, ...] = ("us-east-1",), members: int = 2
) -> list[Account]:
    """The whole landing zone: every account gets ``units`` units in each region and its account-wide set."""
    accounts = organization(url, members)
    for account in accounts:
        compliant_bucket(account.client(url, "s3"), account, archive(account))
        account.resources += 1
        for region in regions:
            default_vpc_flow_logs(url, account, region)
        for n in range(units):
            for r, region in enumerate(regions):
                unit(url, account, region, n * len(regions) + r)
            account_wide(url, account, n)
    return accounts
