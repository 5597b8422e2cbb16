import CrossAccountGlue
import ScheduledQuery
import Synthesis

/// The apps synth hosts, the first the default: adding an app is a line here (and its target in
/// Package.swift), nothing else in the command line.
enum HostedApps {
    static var all: [HostedApp] { [HostedApp(CrossAccountApp.self), HostedApp(ScheduledQueryApp.self)] }
}
