/* global DYNAMODB_MATE_VERSION */
// scripts/build-package.mjs defines the package version (from Cargo.toml) in the bundles.
export const version = typeof DYNAMODB_MATE_VERSION === 'string' ? DYNAMODB_MATE_VERSION : '0.0.0-source';
