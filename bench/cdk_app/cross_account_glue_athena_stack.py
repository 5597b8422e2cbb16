"""The seed's cdk/lib/cross-account-glue-athena-stack.ts, in Python, statement for statement."""
import os

import aws_cdk as cdk
from aws_cdk import aws_athena as athena
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_stepfunctions as sfn
from aws_cdk import aws_stepfunctions_tasks as tasks
from constructs import Construct

from parameter import AppParameter


class CrossAccountGlueAthenaStack(cdk.Stack):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        project_name: str,
        env_name: str,
        parameter: AppParameter,
        source_account_id: str,
        **kwargs,
    ) -> None:
        super().__init__(scope, id, **kwargs)

        # ========================================
        # IAM Role - Step Functions Execution Role
        # ========================================
        step_functions_execution_role = iam.Role(
            self,
            "StepFunctionsExecutionRole",
            role_name=f"{project_name}-{env_name}-sfn-execution-role",
            assumed_by=iam.ServicePrincipal("states.amazonaws.com"),
            description="Execution role for Step Functions to execute cross-account Athena queries",
        )

        # ========================================
        # Target Account - S3 Bucket for data storage
        # ========================================
        target_data_bucket = s3.Bucket(
            self,
            "TargetDataBucket",
            bucket_name=f"{project_name}-{env_name}-target-data",
            encryption=s3.BucketEncryption.S3_MANAGED,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            removal_policy=cdk.RemovalPolicy.DESTROY,
            auto_delete_objects=True,
        )

        # Grant Step Functions execution role access to target bucket
        target_data_bucket.grant_read_write(step_functions_execution_role)

        # Target database name (created manually via SQL)
        target_database_name = "cm_kasama_cross_account_target_db"

        # ========================================
        # Target Account - Athena Workgroup with AWS Managed Storage
        # ========================================
        target_workgroup = athena.CfnWorkGroup(
            self,
            "TargetAthenaWorkgroup",
            name=f"{project_name}-{env_name}-target-workgroup",
            description="Athena workgroup with AWS managed storage for target account queries",
            work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(
                enforce_work_group_configuration=True,
                publish_cloud_watch_metrics_enabled=True,
                engine_version=athena.CfnWorkGroup.EngineVersionProperty(
                    selected_engine_version="AUTO",
                ),
                managed_query_results_configuration=athena.CfnWorkGroup.ManagedQueryResultsConfigurationProperty(
                    enabled=True,
                ),
            ),
        )

        # Grant Athena permissions to Step Functions execution role
        step_functions_execution_role.add_to_policy(
            iam.PolicyStatement(
                sid="AllowAthenaQueryExecution",
                effect=iam.Effect.ALLOW,
                actions=[
                    "athena:StartQueryExecution",
                    "athena:GetQueryExecution",
                    "athena:GetQueryResults",
                    "athena:StopQueryExecution",
                    "athena:GetDataCatalog",
                ],
                resources=[
                    f"arn:aws:athena:{self.region}:{self.account}:workgroup/{target_workgroup.name}",
                    f"arn:aws:athena:{self.region}:{self.account}:datacatalog/*",
                ],
            )
        )

        # Grant Glue permissions to Step Functions execution role
        # - Target Catalog: Read/Write for INSERT query
        # - Source Catalog: Read-only via registered Data Catalog (enabled by Source Account's Resource Policy)
        step_functions_execution_role.add_to_policy(
            iam.PolicyStatement(
                sid="AllowTargetGlueCatalogAccess",
                effect=iam.Effect.ALLOW,
                actions=[
                    "glue:GetDatabase",
                    "glue:GetTable",
                    "glue:GetPartitions",
                    "glue:BatchCreatePartition",
                ],
                resources=[
                    f"arn:aws:glue:{self.region}:{self.account}:catalog",
                    f"arn:aws:glue:{self.region}:{self.account}:database/{target_database_name}",
                    f"arn:aws:glue:{self.region}:{self.account}:table/{target_database_name}/*",
                ],
            )
        )

        step_functions_execution_role.add_to_policy(
            iam.PolicyStatement(
                sid="AllowSourceGlueCatalogReadAccess",
                effect=iam.Effect.ALLOW,
                actions=["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions"],
                resources=[
                    f"arn:aws:glue:{self.region}:{source_account_id}:catalog",
                    f"arn:aws:glue:{self.region}:{source_account_id}:database/*",
                    f"arn:aws:glue:{self.region}:{source_account_id}:table/*/*",
                ],
            )
        )

        # Grant S3 read access to Source Account bucket
        step_functions_execution_role.add_to_policy(
            iam.PolicyStatement(
                sid="AllowSourceS3BucketReadAccess",
                effect=iam.Effect.ALLOW,
                actions=["s3:GetObject", "s3:ListBucket"],
                resources=[
                    f"arn:aws:s3:::{project_name}-{env_name}-data",
                    f"arn:aws:s3:::{project_name}-{env_name}-data/*",
                ],
            )
        )

        # ========================================
        # Athena Data Catalog - Register Source Account Catalog
        # ========================================
        source_catalog_name = "source_catalog"
        athena.CfnDataCatalog(
            self,
            "SourceDataCatalog",
            name=source_catalog_name,
            type="GLUE",
            description="Cross-account Glue Data Catalog from Source Account",
            parameters={
                "catalog-id": source_account_id,
            },
        )

        # ========================================
        # Step Functions - Athena Query State Machine
        # ========================================
        # Load INSERT query from file (bench/cdk_app/../../target is the repo's target/,
        # as cdk/lib/../../target is in the seed)
        with open(
            os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../target/insert-query.sql"),
            encoding="utf-8",
        ) as f:
            insert_template = f.read()
        # JavaScript's String.replace with a string pattern replaces the first match only
        insert_query = insert_template.replace("${TARGET_DATABASE}", target_database_name, 1).replace(
            "${SOURCE_CATALOG}", source_catalog_name, 1
        )

        # Execute INSERT query with .sync integration (waits for completion automatically)
        execute_insert_query = tasks.AthenaStartQueryExecution(
            self,
            "ExecuteInsertQuery",
            query_string=insert_query,
            work_group=target_workgroup.name,
            integration_pattern=sfn.IntegrationPattern.RUN_JOB,
            comment="Execute cross-account INSERT query and wait for completion",
        )

        # Create state machine
        sfn.StateMachine(
            self,
            "AthenaInsertStateMachine",
            state_machine_name=f"{project_name}-{env_name}-athena-insert",
            definition_body=sfn.DefinitionBody.from_chainable(execute_insert_query),
            role=step_functions_execution_role,
            timeout=cdk.Duration.minutes(10),
            comment="Cross-account Athena INSERT: Copy data from Source Account Glue Catalog to Target Account table",
        )
