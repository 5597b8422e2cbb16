#!/usr/bin/env python3
"""moto_server with the fixes verify needs for what synth renders, each a moto bug:

- AWS::KMS::Key: CloudFormation's Tags are Key/Value, but moto's create_from_cloudformation_json
  hands them to the KMS API's tagger, which reads TagKey/TagValue, so any tagged key fails to
  create (KeyError 'TagKey') and everything referring to it fails the stack.

Usage: moto_server_patched.py [moto_server arguments]
"""
import sys

from moto.kms import models as kms_models
from moto.server import main

_create_key = kms_models.Key.create_from_cloudformation_json.__func__


def create_key(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    properties = dict(cloudformation_json.get("Properties", {}))
    properties["Tags"] = [{"TagKey": t["Key"], "TagValue": t["Value"]} if "Key" in t else t for t in properties.get("Tags", [])]
    return _create_key(cls, resource_name, dict(cloudformation_json, Properties=properties), account_id, region_name, **kwargs)


kms_models.Key.create_from_cloudformation_json = classmethod(create_key)

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
