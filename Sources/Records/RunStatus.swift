/// How a run ended (`etl.runs.status`): `running` while it goes on; `abandoned` for a run a killed
/// process left `running`, marked by the next run.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    case running, ok, partial, failed, interrupted, abandoned
}
