/** The JSON schema of reglens.json, bundled from media/, with the subset of draft-07 RegLens uses. */
import schemaJson from '../../media/reglens.schema.json';

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

export interface SchemaNode {
  $ref?: string;
  type?: JsonType | JsonType[];
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean;
  items?: SchemaNode;
  minItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  oneOf?: SchemaNode[];
  default?: unknown;
  description?: string;
  examples?: unknown[];
  definitions?: Record<string, SchemaNode>;
}

export const configSchema = schemaJson as unknown as SchemaNode;

/** Follows `#/definitions/...` references. */
export function resolveSchema(node: SchemaNode, root: SchemaNode = configSchema): SchemaNode {
  let current = node;
  while (current.$ref !== undefined) {
    const name = current.$ref.replace('#/definitions/', '');
    const target = root.definitions?.[name];
    if (!target) throw new Error(`reglens.schema.json: unresolved $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

export function schemaTypes(node: SchemaNode): JsonType[] {
  return node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
}
