import AWSConstructs
import CloudFormation
import XCTest

/// The Distributed Map: a Map whose items an ItemReader reads from S3, each run as a child
/// execution, with results written by a ResultWriter, and what it rejects.
final class DistributedMapStateTests: XCTestCase {
    private let reader = DistributedMapSettings.JSONItemReader(partition: "aws", bucket: "jobs-bucket", key: "lists/jobs.json")

    private func map(_ settings: DistributedMapSettings, itemsPath: String? = nil) -> StateGraph {
        StateGraph(
            single: "EachJob",
            .map(
                MapState(
                    distributed: settings, itemsPath: itemsPath, maxConcurrency: 50,
                    itemProcessor: StateGraph(single: "Run", .pass(PassState(transition: .end))), transition: .end)))
    }

    func test_givenDistributedSettings_whenRendered_thenItemReaderProcessorConfigAndResultWriter() {
        let settings = DistributedMapSettings(
            itemReader: reader,
            resultWriter: .init(partition: .pseudo(.partition), bucket: "results-bucket", prefix: "runs/"),
            executionType: .express, toleratedFailureCount: 3, label: "jobs")

        XCTAssertEqual(map(settings).problems(), [])
        assertJSON(
            StateMachineDefinition(graph: map(settings)).value.json()["States"]?["EachJob"],
            equals: #"""
                {
                  "Type": "Map",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                                 "Parameters": {"Bucket": "jobs-bucket", "Key": "lists/jobs.json"}},
                  "MaxConcurrency": 50,
                  "ToleratedFailureCount": 3,
                  "Label": "jobs",
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                                    "StartAt": "Run", "States": {"Run": {"Type": "Pass", "End": true}}},
                  "ResultWriter": {"Resource": {"Fn::Sub": "arn:${AWS::Partition}:states:::s3:putObject"},
                                   "Parameters": {"Bucket": "results-bucket", "Prefix": "runs/"}},
                  "End": true
                }
                """#)
    }

    func test_givenDefaults_whenRendered_thenStandardChildrenAndNoFailureTolerated() {
        let rendered = StateMachineDefinition(graph: map(DistributedMapSettings(itemReader: reader))).value.json()["States"]?["EachJob"]

        assertJSON(rendered?["ItemProcessor"]?["ProcessorConfig"], equals: #"{"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}"#)
        XCTAssertEqual(rendered?["ToleratedFailureCount"], 0)
        XCTAssertNil(rendered?["ResultWriter"])
        XCTAssertNil(rendered?["Label"])
    }

    func test_givenInvalidSettings_whenChecked_thenEachReportedAtTheMap() {
        let empty = DistributedMapSettings.JSONItemReader(partition: "aws", bucket: "", key: "")
        let settings = DistributedMapSettings(
            itemReader: empty, resultWriter: .init(partition: "aws", bucket: "", prefix: "p/"),
            toleratedFailureCount: -1, label: String(repeating: "l", count: 41))

        XCTAssertEqual(
            map(settings, itemsPath: "$.items").problems(),
            [
                "state \"EachJob\": ToleratedFailureCount must not be negative",
                "state \"EachJob\": a Map Run label must be 1 to 40 characters",
                "state \"EachJob\": the ItemReader needs a bucket and a key",
                "state \"EachJob\": the ResultWriter needs a bucket",
                "state \"EachJob\": a Distributed Map with an ItemReader takes no ItemsPath",
            ])
    }

    func test_givenLabelAtItsLimit_whenChecked_thenAccepted() {
        XCTAssertEqual(map(DistributedMapSettings(itemReader: reader, label: String(repeating: "l", count: 40))).problems(), [])
    }
}
