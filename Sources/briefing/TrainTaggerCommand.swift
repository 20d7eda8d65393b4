import ArgumentParser
import BriefingKit
import Foundation

extension Briefing {
    /// Trains the entity tagger on the GMB corpus and writes its weights (`make train`).
    struct TrainTagger: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "train-tagger",
            abstract: "Train the named-entity tagger on GMB's ner_dataset.csv and write TaggerWeights.swift.",
            shouldDisplay: false)

        @Option(name: .long, help: "GMB's ner_dataset.csv (columns Sentence #,Word,POS,Tag).")
        var data: String = "../shared/data/gmb/ner_dataset.csv"

        @Option(name: .long, help: "The Swift file to write.")
        var output: String = "Sources/BriefingKit/Import/TaggerWeights.swift"

        @Option(name: .long, help: "Passes over the training sentences.")
        var epochs: Int = TaggerTraining.defaultEpochs

        func run() throws {
            guard let data = FileManager.default.contents(atPath: data), let csv = String(data: data, encoding: .utf8) else {
                report([.error("cannot read the GMB data; give its ner_dataset.csv with --data", at: SourceLocation(path: self.data))])
                throw ExitCode.failure
            }
            let result = TaggerTraining.train(csv: csv, epochs: epochs)
            print(result.report, terminator: "")
            do {
                try Data(TaggerTraining.weightsFile(result.encoded).utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                report([.error("cannot write the weights: \(error.localizedDescription)", at: SourceLocation(path: output))])
                throw ExitCode.failure
            }
            print("wrote \(output)")
        }
    }
}
