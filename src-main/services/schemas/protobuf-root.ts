// A .proto (registered, or a topic's override) and the files it imports, parsed into one protobufjs
// root: referenced files first, then google/protobuf/* imports nobody registered from protobufjs'
// own copies. The encoder and the decoder both build their types here.
import type * as protobuf from 'protobufjs';
import { protobufjs } from './codec-packages';
import type { ResolvedReference } from './schema-references';

export interface ProtobufSchema {
  root: protobuf.Root;
  /** The main file's top-level messages in declaration order: what message index i names. */
  topLevel: protobuf.Type[];
}

export function protobufSchema(source: string, references: readonly ResolvedReference[]): ProtobufSchema {
  const root = new (protobufjs().Root)();
  const imports = new Set<string>();
  for (const ref of references) collectImports(protobufjs().parse(ref.schema.schema, root, { keepCase: true }), imports);
  collectImports(protobufjs().parse(source, root, { keepCase: true }), imports);
  addWellKnown(root, imports);
  root.resolveAll();
  return { root, topLevel: topLevelMessages(source).map((name) => root.lookupType(name)) };
}

export function nestedMessages(type: protobuf.Type): protobuf.Type[] {
  return type.nestedArray.filter((n): n is protobuf.Type => n instanceof protobufjs().Type);
}

function collectImports(parsed: protobuf.IParserResult, into: Set<string>): void {
  for (const name of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) into.add(name);
}

function addWellKnown(root: protobuf.Root, imports: Set<string>): void {
  for (const name of imports) {
    const json = name.startsWith('google/protobuf/') ? protobufjs().common.get(name) : null;
    if (json && !root.lookup(name.replace(/^google\/protobuf\//, 'google.protobuf.').replace(/\.proto$/, ''))) root.addJSON(json.nested ?? {});
  }
}

/** The main file's top-level messages, by full name, in declaration order (parsed alone, unresolved). */
function topLevelMessages(source: string): string[] {
  const parsed = protobufjs().parse(source, { keepCase: true });
  const pkg = parsed.package ? parsed.root.lookup(parsed.package) : parsed.root;
  if (!(pkg instanceof protobufjs().Namespace)) return [];
  return pkg.nestedArray.filter((n): n is protobuf.Type => n instanceof protobufjs().Type).map((t) => t.fullName.replace(/^\./, ''));
}
