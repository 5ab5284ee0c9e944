//go:build tools

// Package tools pins the Node.js and Python language hosts: sdk/v3 v3.68.0 is the
// last release that holds them inside the sdk module.
package tools

import (
	_ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
	_ "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python"
)
