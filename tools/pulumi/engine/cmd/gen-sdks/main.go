// gen-sdks writes Python, Go and Node.js SDKs for a Pulumi package schema with Pulumi's own generators
// (pkg/v3/codegen), called directly: `pulumi package gen-sdk` needs language hosts newer than the ones
// the end-to-end toolchain can build.
//
//	gen-sdks SCHEMA_JSON OUT_DIR [python|go|nodejs ...]
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-huaweicloud-dms gen-sdks"

// selfContained answers every reference to another package with an error: the schema references none.
type selfContained struct{}

func (selfContained) refused(name string) error {
	return fmt.Errorf("the schema references package %q; only self-contained schemas are supported", name)
}

func (l selfContained) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, l.refused(pkg)
}

func (l selfContained) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, l.refused(d.Name)
}

func (l selfContained) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, l.refused(pkg)
}

func (l selfContained) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, l.refused(d.Name)
}

func generate(language string, pkg *schema.Package, loader schema.ReferenceLoader) (map[string][]byte, error) {
	switch language {
	case "python":
		return python.GeneratePackage(tool, pkg, nil, loader)
	case "go":
		return gogen.GeneratePackage(tool, pkg, nil)
	case "nodejs":
		return nodejs.GeneratePackage(tool, pkg, nil, nil, false, loader)
	}
	return nil, fmt.Errorf("unknown language %q (expected python, go or nodejs)", language)
}

func run(args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("usage: gen-sdks SCHEMA_JSON OUT_DIR [python|go|nodejs ...]")
	}
	raw, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s is not a package schema: %w", args[0], err)
	}
	loader := selfContained{}
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{})
	if err != nil {
		return fmt.Errorf("binding %s: %w", args[0], err)
	}
	if diags.HasErrors() {
		return fmt.Errorf("%s is not a valid package schema: %s", args[0], diags.Error())
	}
	languages := args[2:]
	if len(languages) == 0 {
		languages = []string{"python", "go", "nodejs"}
	}
	for _, language := range languages {
		files, err := generate(language, pkg, loader)
		if err != nil {
			return fmt.Errorf("generating the %s SDK: %w", language, err)
		}
		paths := make([]string, 0, len(files))
		for p := range files {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		for _, p := range paths {
			dest := filepath.Join(args[1], language, p)
			if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(dest, files[p], 0o644); err != nil {
				return err
			}
		}
		fmt.Fprintf(os.Stderr, "%s: %d files in %s\n", language, len(paths), filepath.Join(args[1], language))
	}
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gen-sdks:", err)
		os.Exit(1)
	}
}
