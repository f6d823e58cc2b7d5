/*
 * PEP 503 package-name normalization, shared by detection (what the project declares) and
 * lint (what a Dockerfile's build context installs): `Flask_SQLAlchemy` and
 * `flask-sqlalchemy` are the same package.
 */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}
