export async function seedDemoData(_settings: { url: string }): Promise<Record<string, number>> {
  return {};
}
