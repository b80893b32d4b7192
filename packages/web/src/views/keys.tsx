/**
 * Keys and members: make a key (its secret shown once, with a copy button), revoke keys, and list
 * and add members. The role choices are those the signed-in key may hand out.
 */
import { type FormEvent, useState } from "react";
import type { ApiKey, Member, Pool } from "../api.ts";
import { Field, fieldError, unclaimed } from "../components/field.tsx";
import { Section } from "../components/figure.tsx";
import { Loading, ProblemMessage } from "../components/problem.tsx";
import { useLoad } from "../components/use-load.ts";
import { useSession } from "../context.ts";
import { formatDateTimeUtc } from "../format.ts";
import { type Role, roleMay, rolesGrantable } from "../roles.ts";

export default function Keys() {
  const { api, caller } = useSession();
  const loaded = useLoad(async () => {
    const [keys, pools] = await Promise.all([
      api.all<ApiKey>("/v1/keys"),
      api.all<Pool>("/v1/pools"),
    ]);
    return { keys, pools };
  }, []);
  const mayWrite = roleMay(caller.role, "keys.write");
  return (
    <>
      <h1>Keys and members</h1>
      <ProblemMessage error={loaded.error} />
      {loaded.data === undefined ? (
        loaded.loading ? (
          <Loading />
        ) : null
      ) : (
        <>
          {mayWrite ? <CreateKey pools={loaded.data.pools} onCreated={loaded.reload} /> : null}
          <Section title="Keys">
            <KeyTable
              keys={loaded.data.keys}
              pools={loaded.data.pools}
              mayRevoke={mayWrite}
              onRevoked={loaded.reload}
            />
          </Section>
          {roleMay(caller.role, "members.read") ? <Members pools={loaded.data.pools} /> : null}
        </>
      )}
    </>
  );
}

function poolName(pools: readonly Pool[], id: string | null): string {
  if (id === null) return "whole organization";
  return pools.find((pool) => pool.id === id)?.name ?? id;
}

function PoolSelect(props: {
  pools: readonly Pool[];
  value: string;
  onChange: (value: string) => void;
  attributes: Record<string, unknown>;
  allowWhole: boolean;
}) {
  return (
    <select
      {...props.attributes}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    >
      {props.allowWhole ? <option value="">whole organization</option> : null}
      {props.pools
        .filter((pool) => pool.archived_at === null)
        .map((pool) => (
          <option key={pool.id} value={pool.id}>
            {pool.name}
          </option>
        ))}
    </select>
  );
}

function CreateKey(props: { pools: readonly Pool[]; onCreated: () => void }) {
  const { api, caller } = useSession();
  const grantable = rolesGrantable(caller.role);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>(
    grantable.includes("member") ? "member" : (grantable[0] ?? "viewer"),
  );
  const [pool, setPool] = useState(caller.pool ?? "");
  const [error, setError] = useState<unknown>(undefined);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setCopied(false);
    try {
      const made = await api.post<ApiKey>("/v1/keys", {
        name: name.trim(),
        role,
        pool: pool === "" ? null : pool,
      });
      setSecret({ name: made.name, secret: made.secret ?? "" });
      setName("");
      props.onCreated();
    } catch (failure) {
      setError(failure);
    }
  };
  const copy = async () => {
    if (secret === null) return;
    await navigator.clipboard.writeText(secret.secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <Section title="Create a key">
      <form className="inline" onSubmit={submit} aria-label="Create a key" noValidate>
        <Field label="Name" error={fieldError(error, ["name"])}>
          {(a) => (
            <input {...a} name="key-name" value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field label="Role" error={fieldError(error, ["role"])}>
          {(a) => (
            <select
              {...a}
              name="key-role"
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
            >
              {grantable.map((each) => (
                <option key={each} value={each}>
                  {each}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Pool" error={fieldError(error, ["pool"])}>
          {(a) => (
            <PoolSelect
              pools={props.pools}
              value={pool}
              onChange={setPool}
              attributes={{ ...a, name: "key-pool" }}
              allowWhole={caller.pool === null}
            />
          )}
        </Field>
        <button type="submit">Create key</button>
      </form>
      <ProblemMessage error={unclaimed(error, ["name", "role", "pool"])} />
      {secret === null ? null : (
        <div className="secret" role="status">
          <strong>The secret of “{secret.name}”, shown this once:</strong>
          <code data-secret>{secret.secret}</code>
          <button type="button" className="secondary" onClick={copy}>
            {copied ? "Copied" : "Copy"}
          </button>{" "}
          <button type="button" className="secondary" onClick={() => setSecret(null)}>
            Done, hide it
          </button>
        </div>
      )}
    </Section>
  );
}

function KeyTable(props: {
  keys: readonly ApiKey[];
  pools: readonly Pool[];
  mayRevoke: boolean;
  onRevoked: () => void;
}) {
  const { api, caller } = useSession();
  const [error, setError] = useState<unknown>(undefined);
  const grantable = rolesGrantable(caller.role);
  const revoke = async (key: ApiKey) => {
    if (!window.confirm(`Revoke the key “${key.name}”? Calls with it will be refused.`)) return;
    setError(undefined);
    try {
      await api.del(`/v1/keys/${encodeURIComponent(key.id)}`);
      props.onRevoked();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <ProblemMessage error={error} />
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Prefix</th>
              <th>Role</th>
              <th>Pool</th>
              <th>Created</th>
              <th>Revoked</th>
              {props.mayRevoke ? <th>Action</th> : null}
            </tr>
          </thead>
          <tbody>
            {props.keys.map((key) => (
              <tr key={key.id} data-key={key.id}>
                <td>{key.name}</td>
                <td>
                  <code>{key.prefix}</code>
                </td>
                <td>{key.role}</td>
                <td>{poolName(props.pools, key.pool)}</td>
                <td>{formatDateTimeUtc(key.created_at)}</td>
                <td>{formatDateTimeUtc(key.revoked_at)}</td>
                {props.mayRevoke ? (
                  <td>
                    {key.revoked_at === null && grantable.includes(key.role) ? (
                      <button
                        type="button"
                        className="danger"
                        onClick={() => revoke(key)}
                        aria-label={`Revoke ${key.name}`}
                      >
                        Revoke
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Members(props: { pools: readonly Pool[] }) {
  const { api, caller } = useSession();
  const members = useLoad(() => api.all<Member>("/v1/members"), []);
  const grantable = rolesGrantable(caller.role);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [pool, setPool] = useState(caller.pool ?? "");
  const [error, setError] = useState<unknown>(undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api.post<Member>("/v1/members", {
        name: name.trim(),
        role,
        pool: pool === "" ? null : pool,
      });
      setName("");
      members.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Section title="Members">
      {roleMay(caller.role, "members.write") && grantable.length > 0 ? (
        <form className="inline" onSubmit={submit} aria-label="Add a member" noValidate>
          <Field label="Name" error={fieldError(error, ["name"])}>
            {(a) => (
              <input
                {...a}
                name="member-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <Field label="Role" error={fieldError(error, ["role"])}>
            {(a) => (
              <select {...a} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {grantable.map((each) => (
                  <option key={each} value={each}>
                    {each}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Pool" error={fieldError(error, ["pool"])}>
            {(a) => (
              <PoolSelect
                pools={props.pools}
                value={pool}
                onChange={setPool}
                attributes={a}
                allowWhole={caller.pool === null}
              />
            )}
          </Field>
          <button type="submit">Add member</button>
        </form>
      ) : null}
      <ProblemMessage error={unclaimed(error, ["name", "role", "pool"])} />
      <ProblemMessage error={members.error} />
      {members.data === undefined ? null : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Kind</th>
                <th>Role</th>
                <th>Pool</th>
                <th>Email</th>
              </tr>
            </thead>
            <tbody>
              {members.data.map((member) => (
                <tr key={member.id}>
                  <td>{member.name}</td>
                  <td>{member.kind}</td>
                  <td>{member.role}</td>
                  <td>{poolName(props.pools, member.pool)}</td>
                  <td>{member.email ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
