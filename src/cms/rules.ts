// What the article schema demands of each front-matter field, read from the zod schema itself (through
// zod's JSON Schema export), so the editing room's form can never ask for less or more than `check`.
import { z } from 'zod';
import { articleSchema } from '../content/schema.ts';

export interface FieldRules {
  required: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  /** Rules of each item of a list. */
  items?: FieldRules;
  /** Rules of the fields of a group (cover). */
  fields?: Record<string, FieldRules>;
}

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
}

const LIMITS = ['minLength', 'maxLength', 'pattern', 'minItems', 'maxItems'] as const;

/** The rules of every field of an article, by name, in the schema's order. */
export function articleFieldRules(sectionKeys: readonly string[] = ['news'], zone = 'Asia/Shanghai'): Record<string, FieldRules> {
  const schema = articleSchema({ zone, sectionKeys });
  // The input side says what an editor must write (required, types); the output side also carries the
  // limits checked after trimming (the headline's 120 characters sit behind a pipe).
  const input = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const output = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  return objectRules(input, output);
}

function objectRules(input: JsonSchema, output: JsonSchema | undefined): Record<string, FieldRules> {
  const rules: Record<string, FieldRules> = {};
  for (const [name, property] of Object.entries(input.properties ?? {})) {
    rules[name] = propertyRules(property, output?.properties?.[name], (input.required ?? []).includes(name));
  }
  return rules;
}

function propertyRules(input: JsonSchema, output: JsonSchema | undefined, required: boolean): FieldRules {
  // A name or a list of names (author, editor): the list's rules are the stricter description.
  const chosen = input.anyOf?.find((option) => option.type === 'array') ?? input;
  const outputChosen = output?.anyOf?.find((option) => option.type === 'array') ?? output;
  const rules: FieldRules = { required };
  for (const limit of LIMITS) {
    const value = outputChosen?.[limit] ?? chosen[limit];
    if (value !== undefined) (rules as unknown as Record<string, unknown>)[limit] = value;
  }
  if (chosen.items) rules.items = propertyRules(chosen.items, outputChosen?.items, true);
  if (chosen.type === 'object' && chosen.properties) rules.fields = objectRules(chosen, outputChosen);
  return rules;
}
