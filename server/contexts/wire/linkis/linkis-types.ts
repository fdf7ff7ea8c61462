/**
 * The type names Linkis's serializers write (`linkis-pes-common`, `serialize/impl`), and the
 * Java classes and interfaces each value type is an instance of, so a `ContextValueType`
 * condition naming a class or an interface finds the values Java's `isInstance` would.
 */

export const LINKIS_ID_TYPES = [
  "HAWorkFlowContextID",
  "CombinedNodeIDContextID",
  "HAContextID",
  "CommonHAContextID",
  "LinkisHAWorkFlowContextID",
];
export const LINKIS_KEY_TYPES = ["commonContextKey", "ContextKey"];
export const LINKIS_VALUE_WRAPPER_TYPES = ["contextValue", "ContextValue", "commonContextValue"];
export const LINKIS_KEY_VALUE_TYPES = ["commonContextKeyValue"];
export const LINKIS_HISTORY_TYPES = [
  "commonResourceHistory",
  "CSTableMetadataContextHistory",
  "CSTableLineageMetadataContextHistory",
];

/** Value type (serializer name) → classes under org.apache.linkis.cs.common.entity it is an instance of. */
const VALUE_TYPE_CLASSES: Record<string, string[]> = {
  CSTable: ["metadata.CSTable", "metadata.Table"],
  LinkisVariable: ["object.LinkisVariable", "object.CommonProperty", "object.CSProperty"],
  CSFlowInfos: ["object.CSFlowInfos", "object.CSInfos"],
  LinkisJobData: ["data.LinkisJobData", "data.JobData"],
  CSResultData: ["data.CSResultData", "data.Data"],
  linkisBMLResource: ["resource.LinkisBMLResource", "resource.BMLResource", "resource.Resource"],
};

export const LINKIS_VALUE_TYPES = Object.keys(VALUE_TYPE_CLASSES);

/** `org.apache.linkis.cs.common.entity.` and the pre-Apache `com.webank.wedatasphere.linkis…` package. */
const ENTITY_PACKAGE = /^(?:org\.apache|com\.webank\.wedatasphere)\.linkis\.cs\.common\.entity\./;

/**
 * What a ContextValueType condition names: "any" for java.lang.Object, else the set of value
 * types it matches. A short name (`CSTable`) or an unknown class matches the value type of
 * that simple name; an entity class or interface matches every type that implements it.
 */
export function valueTypesFor(name: string): "any" | Set<string> {
  if (name === "java.lang.Object" || name === "Object") return "any";
  const relative = name.replace(ENTITY_PACKAGE, "");
  const out = new Set<string>();
  if (relative !== name || relative.includes(".")) {
    for (const [type, classes] of Object.entries(VALUE_TYPE_CLASSES)) if (classes.includes(relative)) out.add(type);
  }
  const simple = name.split(".").pop()!;
  out.add(simple);
  // Linkis's own serializer name for LinkisBMLResource starts lower-case.
  for (const type of LINKIS_VALUE_TYPES) if (type.toLowerCase() === simple.toLowerCase()) out.add(type);
  return out;
}
