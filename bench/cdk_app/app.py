#!/usr/bin/env python3
"""The seed's cdk/bin/app.ts, in Python: the AWS CDK side of bench/run.

Run as `python bench/cdk_app/app.py` with CDK_DEFAULT_ACCOUNT, CDK_DEFAULT_REGION,
CDK_CONTEXT_JSON='{"sourceAccountId": "..."}' and CDK_OUTDIR set (no cdk CLI needed).
"""
import os

import aws_cdk as cdk

from cross_account_glue_athena_stack import CrossAccountGlueAthenaStack
from parameter import dev_parameter

app = cdk.App()

# Get sourceAccountId from context (runtime argument)
source_account_id = app.node.try_get_context("sourceAccountId")

# Validate sourceAccountId
if not source_account_id:
    raise Exception(
        "sourceAccountId is required. Please provide it via context:\n"
        "    npx cdk deploy --context sourceAccountId=111111111111"
    )

# Stack name using project name
stack_name = f"{dev_parameter.project_name}-stack"

CrossAccountGlueAthenaStack(
    app,
    stack_name,
    stack_name=stack_name,
    description=(
        "Target Account - Cross-account Glue Data Catalog access with Athena and Step Functions "
        "(tag:cross-account-glue)"
    ),
    env=cdk.Environment(
        account=(dev_parameter.env and dev_parameter.env.account) or os.environ.get("CDK_DEFAULT_ACCOUNT"),
        region=(dev_parameter.env and dev_parameter.env.region) or os.environ.get("CDK_DEFAULT_REGION"),
    ),
    tags={
        "Project": dev_parameter.project_name,
        "Environment": dev_parameter.env_name,
        "Repository": "blog-code-58",
    },
    project_name=dev_parameter.project_name,
    env_name=dev_parameter.env_name,
    parameter=dev_parameter,
    source_account_id=source_account_id,
)

app.synth()
