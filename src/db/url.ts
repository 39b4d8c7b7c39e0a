// PostgreSQL URLs may carry Prisma's `?schema=` parameter; pg itself does not understand it.
export function splitPostgresUrl(url: string): { connectionString: string; schema: string } {
  const u = new URL(url);
  const schema = u.searchParams.get("schema") ?? "public";
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error(`DATABASE_URL has an invalid schema name`);
  u.searchParams.delete("schema");
  return { connectionString: u.toString(), schema };
}
