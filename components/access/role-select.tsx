/** The role a new user or gateway token gets; viewer unless chosen, the safer of the two. */
export function RoleSelect() {
  return (
    <label>
      Role
      <select name="role" defaultValue="viewer">
        <option value="viewer">viewer</option>
        <option value="admin">admin</option>
      </select>
    </label>
  );
}
