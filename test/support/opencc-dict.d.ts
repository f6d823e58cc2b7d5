// opencc-js ships its dictionaries as modules of one packed string each, without types.
declare module "opencc-js/dict/*" {
  const dict: string;
  export default dict;
}
