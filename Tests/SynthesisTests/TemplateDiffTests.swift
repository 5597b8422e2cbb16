import CloudFormation
import Synthesis
import XCTest

/// `synth diff`'s comparison, one marking at a time, on templates built in memory.
final class TemplateDiffTests: XCTestCase {
    func template(_ resources: KeyValuePairs<String, JSON>) -> JSON {
        ["AWSTemplateFormatVersion": "2010-09-09", "Resources": .object(resources)]
    }

    func bucket(_ name: String, tags: JSON = [["Key": "project", "Value": "p"]], deletion: String? = nil) -> JSON {
        var members: [JSON.Member] = [
            JSON.Member("Type", "AWS::S3::Bucket"), JSON.Member("Properties", ["BucketName": .string(name), "Tags": tags]),
        ]
        if let deletion { members.append(JSON.Member("DeletionPolicy", .string(deletion))) }
        return .object(members)
    }

    func glueTable(_ name: String) -> JSON {
        [
            "Type": "AWS::Glue::Table",
            "Properties": ["CatalogId": "1", "DatabaseName": "db", "TableInput": ["Name": .string(name), "TableType": "EXTERNAL_TABLE"]],
        ]
    }

    func testARenamedBucketIsReplacedAndLosesItsData() {
        let diff = TemplateDiff.compare(old: template(["Data": bucket("a")]), new: template(["Data": bucket("b")]))
        XCTAssertEqual(diff.modified.count, 1)
        XCTAssertTrue(diff.modified[0].replaces)
        XCTAssertEqual(diff.modified[0].createOnlyPaths, ["BucketName"])
        XCTAssertEqual(diff.modified[0].data, .lost)
        XCTAssertTrue(diff.replacesOrLosesData)
        XCTAssertEqual(
            diff.lines(stack: "s"),
            ["stack s: 0 added, 0 removed, 1 modified", "  ~ Data (AWS::S3::Bucket) REPLACE DATA LOSS", "      BucketName (create-only)"])
    }

    func testAReplacedBucketWhoseUpdateReplacePolicyIsRetainIsRetained() {
        var new = bucket("b")
        if case .object(var members) = new {
            members.append(JSON.Member("UpdateReplacePolicy", "Retain"))
            new = .object(members)
        }
        let diff = TemplateDiff.compare(old: template(["Data": bucket("a")]), new: template(["Data": new]))
        XCTAssertTrue(diff.modified[0].replaces)
        XCTAssertEqual(diff.modified[0].data, .retained)
        XCTAssertEqual(diff.modified[0].changedAttributes, ["UpdateReplacePolicy"])
    }

    func testARenamedGlueTableIsReplacedAndLosesItsData() {
        let diff = TemplateDiff.compare(old: template(["Table": glueTable("a")]), new: template(["Table": glueTable("b")]))
        XCTAssertEqual(diff.modified.map(\.createOnlyPaths), [["TableInput/Name"]])
        XCTAssertEqual(diff.modified[0].changedPaths, ["TableInput/Name"])
        XCTAssertEqual(diff.modified[0].data, .lost)
        XCTAssertEqual(diff.lines(stack: "s")[1], "  ~ Table (AWS::Glue::Table) REPLACE DATA LOSS")
    }

    func testAChangedLogicalIDIsARemovalAndAnAdditionAndAProbableRename() {
        let diff = TemplateDiff.compare(old: template(["Old": bucket("same")]), new: template(["New": bucket("same")]))
        XCTAssertEqual(diff.added, [TemplateDiff.Added(logicalID: "New", type: "AWS::S3::Bucket")])
        XCTAssertEqual(diff.removed, [TemplateDiff.Removed(logicalID: "Old", type: "AWS::S3::Bucket", data: .lost)])
        XCTAssertEqual(diff.renames, [TemplateDiff.ProbableRename(from: "Old", to: "New", type: "AWS::S3::Bucket", nameProperty: "BucketName")])
        XCTAssertTrue(diff.replacesOrLosesData)
        XCTAssertEqual(
            diff.lines(stack: "s"),
            [
                "stack s: 1 added, 1 removed, 0 modified", "  + New (AWS::S3::Bucket)", "  - Old (AWS::S3::Bucket) DATA LOSS",
                "    probably renamed: Old -> New (same BucketName): REPLACE",
            ])
        // Different names: no rename.
        XCTAssertEqual(TemplateDiff.compare(old: template(["Old": bucket("x")]), new: template(["New": bucket("y")])).renames, [])
    }

    func testReorderedKeysAreNoDifferenceButAReorderedListIs() {
        let serde: JSON = ["SerializationLibrary": "lazy", "Parameters": ["field.delim": ",", "serialization.format": ","]]
        let sorted: JSON = ["Parameters": ["serialization.format": ",", "field.delim": ","], "SerializationLibrary": "lazy"]
        func table(_ serdeInfo: JSON, columns: JSON = [["Name": "a"], ["Name": "b"]]) -> JSON {
            [
                "Type": "AWS::Glue::Table",
                "Properties": ["TableInput": ["Name": "t", "StorageDescriptor": ["SerdeInfo": serdeInfo, "Columns": columns]]],
            ]
        }
        XCTAssertTrue(TemplateDiff.compare(old: template(["T": table(serde)]), new: template(["T": table(sorted)])).isEmpty)
        XCTAssertTrue(serde.isEquivalent(to: sorted))
        XCTAssertFalse(serde == sorted)

        let swapped = TemplateDiff.compare(
            old: template(["T": table(serde)]), new: template(["T": table(sorted, columns: [["Name": "b"], ["Name": "a"]])]))
        XCTAssertEqual(
            swapped.modified.map(\.changedPaths), [["TableInput/StorageDescriptor/Columns/0/Name", "TableInput/StorageDescriptor/Columns/1/Name"]])
        XCTAssertFalse(swapped.modified[0].replaces)
        // A renamed table is still a replacement, whatever order its keys are in.
        let renamed = TemplateDiff.compare(
            old: template(["T": table(serde)]),
            new: template([
                "T": [
                    "Type": "AWS::Glue::Table",
                    "Properties": [
                        "TableInput": ["StorageDescriptor": ["SerdeInfo": sorted, "Columns": [["Name": "a"], ["Name": "b"]]], "Name": "u"]
                    ],
                ]
            ]))
        XCTAssertEqual(renamed.modified.map(\.createOnlyPaths), [["TableInput/Name"]])
        // Equivalence is not loose: a missing, extra or changed member differs.
        let one: JSON = ["a": 1]
        let two: JSON = ["a": 1, "b": 2]
        let list: JSON = ["a": [1, 2]]
        XCTAssertFalse(one.isEquivalent(to: ["a": 1, "b": 2]))
        XCTAssertFalse(two.isEquivalent(to: ["a": 1, "c": 2]))
        XCTAssertFalse(list.isEquivalent(to: ["a": [2, 1]]))
        XCTAssertTrue((nil as JSON?).isEquivalent(to: nil))
        XCTAssertFalse((nil as JSON?).isEquivalent(to: one))
    }

    func testAPureTagChangeIsAnUpdate() {
        let diff = TemplateDiff.compare(
            old: template(["Data": bucket("a")]), new: template(["Data": bucket("a", tags: [["Key": "project", "Value": "q"]])]))
        XCTAssertEqual(diff.modified.count, 1)
        XCTAssertFalse(diff.modified[0].replaces)
        XCTAssertEqual(diff.modified[0].data, .none)
        XCTAssertEqual(diff.modified[0].changedPaths, ["Tags/0/Value"])
        XCTAssertFalse(diff.replacesOrLosesData)
        XCTAssertEqual(diff.lines(stack: "s")[1...], ["  ~ Data (AWS::S3::Bucket) update", "      Tags/0/Value"])
    }

    func testAnAddedResource() {
        let topic: JSON = ["Type": "AWS::SNS::Topic"]
        let diff = TemplateDiff.compare(old: template(["Data": bucket("a")]), new: template(["Data": bucket("a"), "Alerts": topic]))
        XCTAssertEqual(diff.added, [TemplateDiff.Added(logicalID: "Alerts", type: "AWS::SNS::Topic")])
        XCTAssertTrue(diff.removed.isEmpty && diff.modified.isEmpty)
        XCTAssertFalse(diff.replacesOrLosesData)
    }

    func testARemovedRetainedBucketIsNotDataLoss() {
        for policy in ["Retain", "RetainExceptOnCreate"] {
            let diff = TemplateDiff.compare(old: template(["Data": bucket("a", deletion: policy)]), new: template([:]))
            XCTAssertEqual(diff.removed, [TemplateDiff.Removed(logicalID: "Data", type: "AWS::S3::Bucket", data: .retained)], policy)
            XCTAssertFalse(diff.replacesOrLosesData, policy)
            XCTAssertEqual(diff.lines(stack: "s")[1], "  - Data (AWS::S3::Bucket) retained, not deleted")
        }
        let deleted = TemplateDiff.compare(old: template(["Data": bucket("a", deletion: "Delete")]), new: template([:]))
        XCTAssertEqual(deleted.removed.map(\.data), [.lost])
        // A removed resource that holds no data is neither.
        let topic = TemplateDiff.compare(old: template(["Alerts": ["Type": "AWS::SNS::Topic"]]), new: template([:]))
        XCTAssertEqual(topic.removed.map(\.data), [TemplateDiff.DataFate.none])
        XCTAssertFalse(topic.replacesOrLosesData)
    }

    func testAChangedTypeIsAReplacement() {
        let queue: JSON = ["Type": "AWS::SQS::Queue"]
        let topic: JSON = ["Type": "AWS::SNS::Topic"]
        let diff = TemplateDiff.compare(old: template(["Alerts": queue]), new: template(["Alerts": topic]))
        XCTAssertEqual(diff.modified.count, 1)
        XCTAssertTrue(diff.modified[0].replaces)
        XCTAssertEqual(diff.lines(stack: "s")[1...], ["  ~ Alerts (AWS::SQS::Queue -> AWS::SNS::Topic) REPLACE", "      Type"])
    }

    func testIdenticalTemplatesHaveNoDifferencesAndIntrinsicsCompareWhole() {
        XCTAssertEqual(
            TemplateDiff.compare(old: template(["Data": bucket("a")]), new: template(["Data": bucket("a")])).lines(stack: "s"),
            ["stack s: no differences"])
        let old = template(["Data": ["Type": "AWS::S3::Bucket", "Properties": ["BucketName": ["Fn::Sub": "a-${AWS::AccountId}"]]]])
        let new = template(["Data": ["Type": "AWS::S3::Bucket", "Properties": ["BucketName": ["Fn::Sub": "b-${AWS::AccountId}"]]]])
        let diff = TemplateDiff.compare(old: old, new: new)
        XCTAssertEqual(diff.modified.map(\.changedPaths), [["BucketName"]])
        XCTAssertTrue(diff.modified[0].replaces)
    }
}
