import Extract
import Testing

@Suite("operations: shard specifications")
struct OperationsTests {
    @Test func shardSpecificationsAreChecked() {
        #expect(FileSelection.Shard("1/4") != nil)
        #expect(FileSelection.Shard("0/4") == nil)
        #expect(FileSelection.Shard("5/4") == nil)
        #expect(FileSelection.Shard("a/b") == nil)
        let paths = (0..<200).map { "2026-11-28/\($0).txt" }
        let shards = (1...4).map { FileSelection.Shard("\($0)/4")! }
        for path in paths { #expect(shards.filter { $0.contains(path) }.count == 1) }
    }

    /// `--shard auto`: the shard a Kubernetes Indexed Job or a Slurm job array gives.
    @Test func shardFromTheJobEngine() throws {
        func shard(_ environment: [String: String]) throws -> String { try FileSelection.Shard.fromEnvironment(environment).description }
        func refusal(_ environment: [String: String]) -> String? {
            do { _ = try FileSelection.Shard.fromEnvironment(environment); return nil } catch let error as FileSelection.Shard.EnvironmentError {
                return error.description
            } catch { return "\(error)" }
        }
        // Kubernetes: a 0-based index, the count from the manifest.
        #expect(try shard(["JOB_COMPLETION_INDEX": "0", "ARTICLE_ETL_SHARD_COUNT": "3"]) == "1/3")
        #expect(try shard(["JOB_COMPLETION_INDEX": "2", "ARTICLE_ETL_SHARD_COUNT": "3", "HOME": "/root"]) == "3/3")
        // Slurm: IDs from SLURM_ARRAY_TASK_MIN (0 when unset).
        #expect(try shard(["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "4"]) == "1/4")
        #expect(try shard(["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4"]) == "4/4")
        for id in 1...8 {
            #expect(try shard(["SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_COUNT": "8", "SLURM_ARRAY_TASK_MIN": "1",
                               "SLURM_ARRAY_TASK_MAX": "8", "SLURM_ARRAY_JOB_ID": "4711"]) == "\(id)/8")
        }
        #expect(try shard(["SLURM_ARRAY_TASK_ID": "12", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "10"]) == "3/3")
        // A count variable alone does not make an engine.
        #expect(try shard(["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_MIN": "1",
                           "ARTICLE_ETL_SHARD_COUNT": "5"]) == "1/2")

        // Neither: the message names the variables of both engines.
        let neither = refusal(["HOME": "/root", "ARTICLE_ETL_SHARD_COUNT": "3"])
        for name in ["JOB_COMPLETION_INDEX", "ARTICLE_ETL_SHARD_COUNT", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT"] {
            #expect(neither?.contains(name) == true, "\(name) in \(neither ?? "nil")")
        }
        // Both: refused as ambiguous, naming both.
        let both = refusal(["JOB_COMPLETION_INDEX": "0", "ARTICLE_ETL_SHARD_COUNT": "3",
                            "SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1"])
        #expect(both?.contains("JOB_COMPLETION_INDEX") == true && both?.contains("SLURM_ARRAY_TASK_ID") == true)

        // Inconsistent values: each refused, naming the variable at fault.
        let inconsistent: [([String: String], String)] = [
            (["JOB_COMPLETION_INDEX": "3", "ARTICLE_ETL_SHARD_COUNT": "3"], "JOB_COMPLETION_INDEX=3"),
            (["JOB_COMPLETION_INDEX": "0", "ARTICLE_ETL_SHARD_COUNT": "0"], "ARTICLE_ETL_SHARD_COUNT=0"),
            (["JOB_COMPLETION_INDEX": "0"], "ARTICLE_ETL_SHARD_COUNT"),
            (["JOB_COMPLETION_INDEX": "one", "ARTICLE_ETL_SHARD_COUNT": "3"], "JOB_COMPLETION_INDEX"),
            (["JOB_COMPLETION_INDEX": "-1", "ARTICLE_ETL_SHARD_COUNT": "3"], "JOB_COMPLETION_INDEX"),
            (["JOB_COMPLETION_INDEX": "0", "ARTICLE_ETL_SHARD_COUNT": "3x"], "ARTICLE_ETL_SHARD_COUNT"),
            (["JOB_COMPLETION_INDEX": "", "ARTICLE_ETL_SHARD_COUNT": "3"], "JOB_COMPLETION_INDEX"),
            (["JOB_COMPLETION_INDEX": "99999999999999999999", "ARTICLE_ETL_SHARD_COUNT": "3"], "JOB_COMPLETION_INDEX"),
            (["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1"], "SLURM_ARRAY_TASK_ID=4"),
            (["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1"], "SLURM_ARRAY_TASK_ID=0"),
            (["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "3"], "SLURM_ARRAY_TASK_ID=3"),
            (["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "0", "SLURM_ARRAY_TASK_MIN": "1"], "SLURM_ARRAY_TASK_COUNT=0"),
            (["SLURM_ARRAY_TASK_ID": "1"], "SLURM_ARRAY_TASK_COUNT"),
            (["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "three"], "SLURM_ARRAY_TASK_COUNT"),
            (["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "x"], "SLURM_ARRAY_TASK_MIN"),
            // A stepped array (--array=0-8:4: IDs 0, 4, 8) is not contiguous.
            (["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "0"], "SLURM_ARRAY_TASK_ID=4"),
        ]
        for (environment, named) in inconsistent {
            let message = refusal(environment)
            #expect(message?.contains(named) == true, "\(environment): \(message ?? "accepted")")
        }
    }
}
