#!/usr/bin/env bash
# The README's first command: builds what is missing, installs moto (the embedded DynamoDB + S3) and
# runs the demo, a crawler on DynamoDB + S3 (examples/demo.mjs). To use other endpoints instead, set
# AWS_ENDPOINT_URL_DYNAMODB and AWS_ENDPOINT_URL_S3.
set -euo pipefail
cd "$(dirname "$0")/.."
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
scripts/build.sh
if [ -z "${AWS_ENDPOINT_URL_DYNAMODB:-}" ] || [ -z "${AWS_ENDPOINT_URL_S3:-}" ]; then
  scripts/setup-python.sh moto
fi
node examples/demo.mjs
