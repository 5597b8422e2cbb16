"""The seed's cdk/parameter.ts, in Python."""
from dataclasses import dataclass, field
from typing import Optional

import aws_cdk as cdk


@dataclass
class AppParameter:
    env_name: str
    project_name: str
    env: Optional[cdk.Environment] = field(default=None)


dev_parameter = AppParameter(
    env_name="dev",
    project_name="cm-kasama-cross-account",
    env=cdk.Environment(),
)

prod_parameter = AppParameter(
    env_name="prod",
    project_name="cm-kasama-cross-account",
    env=cdk.Environment(),
)
