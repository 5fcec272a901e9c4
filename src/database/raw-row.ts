/** A RETURNING * row (snake_case columns) with its fields named as the entity's (camelCase). */
export function camelCaseRow<T>(raw: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()), value])) as T;
}
